package cnn.compiler.graph;

/** An element-wise activation, alone or as a layer's suffix. {@code alpha} is leaky's slope. */
public record Activation(Kind kind, float alpha) {

    public enum Kind { LINEAR, RELU, RELU6, LEAKY, SIGMOID, TANH, SWISH, SOFTMAX }

    public static final Activation LINEAR = new Activation(Kind.LINEAR, 0f);

    public static Activation of(Kind kind) {
        return new Activation(kind, kind == Kind.LEAKY ? 0.1f : 0f);
    }

    public boolean isLinear() {
        return kind == Kind.LINEAR;
    }

    @Override
    public String toString() {
        return kind == Kind.LEAKY ? "leaky(" + alpha + ")" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
