// Every error is reported once per diagnostic in the form IDEs link, then as `cnnc check`
// renders it; the build fails with a one-line summary and no stack trace.
def log = new File(basedir, 'build.log').text
def models = new File(basedir, 'src/main/cnn').toPath().toAbsolutePath().normalize()

def dense = (log =~ /(?m)^\[ERROR\] \Q${models.resolve('dense_on_grid.cnn')}\E:\[7,5\] (.+)$/)
assert dense.find() : 'no IDE-style error for dense_on_grid.cnn line 7'
assert dense.group(1).contains('dense')

def shape = (log =~ /(?m)^\[ERROR\] \Q${models.resolve('wrong_assertion.cnn')}\E:\[5,17\] (.+)$/)
assert shape.find() : 'no IDE-style error for wrong_assertion.cnn line 5'
assert shape.group(1).contains('26x26x8') && shape.group(1).contains('26x26x16')

// The rendered text: file:line:col: error[code]: message, the source line and a caret.
assert log =~ /dense_on_grid\.cnn:7:5: error\[E03\d\d\]/
assert log =~ /wrong_assertion\.cnn:5:\d+: error\[E03\d\d\]/
assert log =~ /(?m)^\s+7 \|\s+dense 10$/
assert log =~ /(?m)^\s+\|\s+\^/

assert log.contains('cnn: 2 error(s) and 0 warning(s) in 2 file(s); see the messages above')
assert log.contains('BUILD FAILURE')
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace was printed'
assert !log.contains('Caused by')
// Nothing is generated from a failing build.
assert !new File(basedir, 'target/generated-sources/cnn/it/bad').exists()
