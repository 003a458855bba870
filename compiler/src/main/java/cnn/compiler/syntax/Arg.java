package cnn.compiler.syntax;

import cnn.compiler.diag.SourceSpan;
import java.util.Optional;

/** An argument: positional ({@code 32}) or named ({@code stride=2}). */
public record Arg(Optional<Ident> name, Expr value, SourceSpan span) {

    public boolean isNamed() {
        return name.isPresent();
    }
}
