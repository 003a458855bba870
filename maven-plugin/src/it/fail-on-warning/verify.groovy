// A 2x2 window with stride 2 over 9 rows never reads the last row: a warning, fatal here.
def log = new File(basedir, 'build.log').text
def model = new File(basedir, 'src/main/cnn/unused_row.cnn').toPath().toAbsolutePath().normalize()
assert log =~ /(?m)^\[WARNING\] \Q${model}\E:\[5,5\] .+$/
assert log =~ /unused_row\.cnn:5:5: warning\[W01\d\d\]/
assert log.contains('cnn: 0 error(s) and 1 warning(s) in 1 file(s) (failOnWarning is set); see the messages above')
assert log.contains('BUILD FAILURE')
assert !new File(basedir, 'target/generated-sources/cnn/it/warn').exists()
