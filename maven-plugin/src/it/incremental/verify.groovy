// Build 1 generated everything; build 2 (profile edit) first copied the generated files to
// target/before with their timestamps, then edited edited.cnn and lib/blocks.cnn (imported by
// stacked.cnn); build 3 changed nothing.
def log = new File(basedir, 'build.log').text
def gen = new File(basedir, 'target/generated-sources/cnn/it/inc')
def before = new File(basedir, 'target/before/it/inc')

def regenerated = ['Edited.java', 'Stacked.java']
regenerated.each { assert new File(before, it).isFile() : "build 1 did not generate $it" }
// Untouched.java and whatever else the generator makes for that model (its trainer).
def untouched = before.list().findAll { it.startsWith('Untouched') }
assert untouched.contains('Untouched.java')

untouched.each {
    assert new File(gen, it).text == new File(before, it).text
    assert new File(gen, it).lastModified() == new File(before, it).lastModified() : "$it was rewritten"
}
regenerated.each {
    assert new File(gen, it).text != new File(before, it).text : "$it was not regenerated"
}
assert new File(gen, 'Edited.java').text =~ /OUTPUT_SIZE\s*=\s*5\b/

def runs = (log =~ /cnn: (\d+) model file\(s\): (\d+) compiled, (\d+) up to date; (\d+) Java file\(s\) written, (\d+) unchanged, (\d+) deleted/)
        .collect { it[1..6].collect { it as int } }
assert runs.size() == 3 : "expected three builds in the log, saw ${runs.size()}"
assert runs[0][0..2] == [4, 4, 0]
// edited.cnn, lib/blocks.cnn and its importer stacked.cnn; untouched.cnn is left alone.
assert runs[1][0..2] == [4, 3, 1]
assert runs[2] == [4, 0, 4, 0, 0, 0]
