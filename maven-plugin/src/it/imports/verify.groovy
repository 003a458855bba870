// The block came from lib/blocks.cnn; that file has no model, so nothing is generated from it.
def log = new File(basedir, 'build.log').text
def gen = new File(basedir, 'target/generated-sources/cnn')
assert new File(gen, 'it/imports/Net.java').isFile()
def generated = []
gen.eachFileRecurse { if (it.isFile()) generated << it.name }
assert generated.every { it.startsWith('Net') } : "unexpected files: $generated"
assert log =~ /cnn: 2 model file\(s\): 2 compiled, 0 up to date/
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
