package cnn.compiler.syntax;

import cnn.compiler.diag.SourceSpan;
import java.util.List;
import java.util.Optional;

/** Top-level declarations of a file: constants, blocks and models. */
public sealed interface Decl {

    Ident name();

    SourceSpan span();

    record Const(Ident name, Expr value, SourceSpan span) implements Decl {
    }

    record Param(Ident name, Optional<Expr> defaultValue) {
    }

    record Block(Ident name, List<Param> params, List<Stmt> body, SourceSpan span) implements Decl {
        public Block {
            params = List.copyOf(params);
            body = List.copyOf(body);
        }
    }

    /** {@code input [NAME] SHAPE}. */
    record Input(Optional<Ident> name, Expr shape, SourceSpan span) {
    }

    record Output(List<Ident> tensors, SourceSpan span) {
        public Output {
            tensors = List.copyOf(tensors);
        }
    }

    /** One line of {@code train { … }}: a key and its arguments ({@code optimizer adam lr=0.001}). */
    record TrainEntry(Ident key, List<Arg> args, SourceSpan span) {
        public TrainEntry {
            args = List.copyOf(args);
        }
    }

    record Train(List<TrainEntry> entries, SourceSpan span) {
        public Train {
            entries = List.copyOf(entries);
        }
    }

    record Model(Ident name, Input input, List<Stmt> body, Optional<Output> output, Optional<Train> train,
                 SourceSpan span) implements Decl {
        public Model {
            body = List.copyOf(body);
        }
    }

    /** {@code model S = slide D over SHAPE}. */
    record Slide(Ident name, Ident detector, Expr over, SourceSpan span) implements Decl {
    }
}
