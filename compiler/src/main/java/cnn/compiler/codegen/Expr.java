package cnn.compiler.codegen;

import java.util.Locale;

/**
 * Index arithmetic as readable Java text: {@code oy * 2 - 1 + ky}, with the zero and one terms dropped.
 * Public because the trainer generator ({@code codegen.training}) writes its loops with it too.
 */
public final class Expr {

    private Expr() {
    }

    /** {@code var · k}. */
    public static String times(String var, long k) {
        if (k == 0) {
            return "0";
        }
        return k == 1 ? var : var + " * " + k;
    }

    /** {@code (expr) · k}, with parentheses only where the product needs them. */
    public static String timesSum(String expr, long k) {
        if (k == 1 || !expr.contains(" ")) {
            return times(expr, k);
        }
        return times("(" + expr + ")", k);
    }

    /** The sum of terms, each a Java expression or an integer literal; zero terms vanish. */
    public static String sum(String... terms) {
        StringBuilder b = new StringBuilder();
        for (String t : terms) {
            if (t.equals("0")) {
                continue;
            }
            if (b.length() == 0) {
                b.append(t);
            } else if (t.startsWith("-")) {
                b.append(" - ").append(t.substring(1));
            } else {
                b.append(" + ").append(t);
            }
        }
        return b.length() == 0 ? "0" : b.toString();
    }

    public static String literal(long v) {
        return Long.toString(v);
    }

    /** A float literal that reads back as exactly {@code v}. */
    public static String floatLiteral(float v) {
        if (Float.isNaN(v) || Float.isInfinite(v)) {
            throw new IllegalArgumentException("not a finite float: " + v);
        }
        return Float.toString(v) + "f";
    }

    /** A double literal that reads back as exactly {@code v}. */
    public static String doubleLiteral(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("not a finite double: " + v);
        }
        return Double.toString(v);
    }

    /** {@code (expr)} when it has an operator, for use as a factor. */
    public static String group(String expr) {
        return expr.matches("[A-Za-z0-9_]+") ? expr : "(" + expr + ")";
    }

    /** Thousands separators for comments: {@code 117,600}. */
    public static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
