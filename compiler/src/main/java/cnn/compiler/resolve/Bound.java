package cnn.compiler.resolve;

import cnn.compiler.diag.SourceSpan;

/** An argument's value after evaluation, with where it was written. */
record Bound(Value value, SourceSpan span) {
}
