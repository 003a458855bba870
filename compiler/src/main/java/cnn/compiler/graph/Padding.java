package cnn.compiler.graph;

/** Pixels added at each border; always concrete once shapes are inferred. */
public record Padding(int top, int bottom, int left, int right) {

    public static final Padding NONE = new Padding(0, 0, 0, 0);

    public static Padding uniform(int p) {
        return new Padding(p, p, p, p);
    }

    public boolean isNone() {
        return top == 0 && bottom == 0 && left == 0 && right == 0;
    }
}
