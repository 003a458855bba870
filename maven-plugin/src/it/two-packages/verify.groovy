// A file's package line decides its package; packageName serves a file without one.
def gen = new File(basedir, 'target/generated-sources/cnn')
['it/alpha/Alpha', 'it/beta/Beta', 'it/gamma/Gamma'].each {
    assert new File(gen, it + '.java').isFile() : "missing $it.java"
    assert new File(basedir, "target/classes/${it}.class").isFile() : "$it did not compile"
}
assert !new File(gen, 'it/gamma/Alpha.java').exists()
assert new File(basedir, 'target/classes/it/app/Sizes.class').isFile()
