package cnn.compiler.syntax;

import cnn.compiler.diag.SourceSpan;

/** A name as written, with where it was written. */
public record Ident(String name, SourceSpan span) {
}
