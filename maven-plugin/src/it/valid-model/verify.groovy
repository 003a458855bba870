// The model was generated, compiled and run by the project's own test.
def log = new File(basedir, 'build.log').text
def gen = new File(basedir, 'target/generated-sources/cnn/it/valid')
assert new File(gen, 'Tiny.java').isFile()
assert new File(basedir, 'target/classes/it/valid/Tiny.class').isFile()
assert log =~ /cnn: 1 model file\(s\): 1 compiled, 0 up to date; [1-9]\d* Java file\(s\) written, 0 unchanged, 0 deleted/
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert !log.contains('cnn-runtime; add it')
