package cnn.compiler.syntax;

import cnn.compiler.diag.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * Statements of a model or block body (SPEC §1.2). Every statement may end with a
 * {@code : SHAPE} assertion on the tensor it leaves current.
 */
public sealed interface Stmt {

    SourceSpan span();

    Optional<Expr> assertion();

    enum MergeKind {
        ADD, CONCAT;

        public String word() {
            return this == ADD ? "add" : "concat";
        }
    }

    /** A trailing activation of a compound statement: {@code relu}, {@code leaky(0.2)}. */
    record ActivationRef(Ident name, Optional<Expr> argument, SourceSpan span) {
    }

    /**
     * {@code [name =] OP args…} or {@code [name =] BLOCK(args) …}: which one is decided by the
     * resolver, which knows the blocks in scope.
     *
     * @param callArgs the arguments in parentheses written right after the name, if any
     * @param items    the arguments written after it without parentheses (an activation among them)
     */
    record Invoke(Optional<Ident> target, Ident callee, Optional<List<Arg>> callArgs, List<Arg> items,
                  Optional<Expr> assertion, SourceSpan span) implements Stmt {
        public Invoke {
            callArgs = callArgs.map(List::copyOf);
            items = List.copyOf(items);
        }
    }

    record Shortcut(Optional<Expr> condition, List<Stmt> body, SourceSpan span) {
        public Shortcut {
            body = List.copyOf(body);
        }
    }

    /** {@code residual [if COND] { body } [shortcut [if COND] { s }] [ACT]}. */
    record Residual(Optional<Ident> target, Optional<Expr> condition, List<Stmt> body, Optional<Shortcut> shortcut,
                    Optional<ActivationRef> activation, Optional<Expr> assertion, SourceSpan span) implements Stmt {
        public Residual {
            body = List.copyOf(body);
        }
    }

    record Branch(List<Stmt> body, SourceSpan span) {
        public Branch {
            body = List.copyOf(body);
        }
    }

    /** {@code concat { branch {…} … }} or {@code add { branch {…} … }}. */
    record BranchMerge(Optional<Ident> target, MergeKind kind, List<Branch> branches, Optional<ActivationRef> activation,
                       Optional<Expr> assertion, SourceSpan span) implements Stmt {
        public BranchMerge {
            branches = List.copyOf(branches);
        }
    }

    /** {@code concat(a, b, …)} or {@code add(a, b, …)} of named tensors. */
    record NamedMerge(Optional<Ident> target, MergeKind kind, List<Ident> tensors, Optional<ActivationRef> activation,
                      Optional<Expr> assertion, SourceSpan span) implements Stmt {
        public NamedMerge {
            tensors = List.copyOf(tensors);
        }
    }

    record From(Ident tensor, Optional<Expr> assertion, SourceSpan span) implements Stmt {
    }

    record Repeat(Expr count, List<Stmt> body, Optional<Expr> assertion, SourceSpan span) implements Stmt {
        public Repeat {
            body = List.copyOf(body);
        }
    }

    /** {@code for i in A..B { … }}, B inclusive. */
    record For(Ident variable, Expr from, Expr to, List<Stmt> body, Optional<Expr> assertion, SourceSpan span)
            implements Stmt {
        public For {
            body = List.copyOf(body);
        }
    }

    /** {@code if COND { … } [else { … }]}; {@code else if} is an If alone in {@code otherwise}. */
    record If(Expr condition, List<Stmt> then, List<Stmt> otherwise, Optional<Expr> assertion, SourceSpan span)
            implements Stmt {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** {@code use MODEL [until NAME] [frozen]}. */
    record Use(Ident model, Optional<Ident> until, boolean frozen, Optional<Expr> assertion, SourceSpan span)
            implements Stmt {
    }

    record Frozen(List<Stmt> body, Optional<Expr> assertion, SourceSpan span) implements Stmt {
        public Frozen {
            body = List.copyOf(body);
        }
    }
}
