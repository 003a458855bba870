package cnn.compiler.syntax;

import cnn.compiler.diag.SourceSpan;
import java.util.List;

/** Expressions (SPEC §1.1): evaluated by the resolver to numbers, booleans, tuples, lists and symbols. */
public sealed interface Expr {

    SourceSpan span();

    record IntLit(long value, SourceSpan span) implements Expr {
    }

    record FloatLit(double value, SourceSpan span) implements Expr {
    }

    record BoolLit(boolean value, SourceSpan span) implements Expr {
    }

    /** {@code 28x28x1}, {@code 5x5}: two or more whole numbers. */
    record ShapeLit(List<Long> dims, SourceSpan span) implements Expr {
        public ShapeLit {
            dims = List.copyOf(dims);
        }
    }

    /** A constant, block parameter, loop variable, or a bare word such as {@code same} or {@code he}. */
    record NameRef(String name, SourceSpan span) implements Expr {
    }

    /** {@code in.h}, {@code in.w}, {@code in.c}: the shape of the block's input. */
    record InDim(String dim, SourceSpan span) implements Expr {
    }

    enum UnaryOp { NEG, PLUS, NOT }

    record Unary(UnaryOp op, Expr operand, SourceSpan span) implements Expr {
    }

    enum BinaryOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), INTDIV("//"), MOD("%"),
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="), AND("and"), OR("or");

        private final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    record Binary(BinaryOp op, Expr left, Expr right, SourceSpan span) implements Expr {
    }

    /** {@code cond ? a : b}. */
    record Cond(Expr cond, Expr then, Expr otherwise, SourceSpan span) implements Expr {
    }

    /** {@code min(a, b)}, {@code leaky(0.1)}, {@code step(every=5)}: a function or a structured value. */
    record Call(Ident function, List<Arg> args, SourceSpan span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code (a, b, …)}. */
    record Tuple(List<Expr> items, SourceSpan span) implements Expr {
        public Tuple {
            items = List.copyOf(items);
        }
    }

    /** {@code [a, b, …]}. */
    record ListLit(List<Expr> items, SourceSpan span) implements Expr {
        public ListLit {
            items = List.copyOf(items);
        }
    }
}
