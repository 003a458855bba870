package cnn.compiler.codegen.training;

import java.util.Locale;

/** Index arithmetic as readable Java text ({@code s * 784 + q * 6}), zero terms and unit factors dropped. */
final class Ix {

    private Ix() {
    }

    /** {@code var · k}. */
    static String times(String var, long k) {
        if (k == 0) {
            return "0";
        }
        return k == 1 ? var : var + " * " + k;
    }

    /** The sum of terms, each a Java expression or an integer literal; zero terms vanish. */
    static String sum(String... terms) {
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

    static String literal(long v) {
        return Long.toString(v);
    }

    /** {@code (expr)} when it has an operator, for use as a factor. */
    static String group(String expr) {
        return expr.matches("[A-Za-z0-9_]+") ? expr : "(" + expr + ")";
    }

    /** Thousands separators for comments: {@code 117,600}. */
    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
