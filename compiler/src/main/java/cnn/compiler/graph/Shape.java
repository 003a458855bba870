package cnn.compiler.graph;

import java.util.List;

/**
 * The shape of one sample's tensor (the batch is implicit). A feature map is {@code H x W x C}
 * in NHWC order; after {@code flatten} or {@code dense} a tensor is a vector of N values.
 */
public sealed interface Shape {

    /** Number of floats in one sample; a long because layer sizes are checked before they fit an int. */
    long elements();

    /** The dimensions as SPEC §3's JSON writes them: {@code [h, w, c]} or {@code [n]}. */
    List<Long> dims();

    record Grid(long h, long w, long c) implements Shape {
        @Override
        public long elements() {
            return h * w * c;
        }

        @Override
        public List<Long> dims() {
            return List.of(h, w, c);
        }

        @Override
        public String toString() {
            return h + "x" + w + "x" + c;
        }
    }

    record Vector(long n) implements Shape {
        @Override
        public long elements() {
            return n;
        }

        @Override
        public List<Long> dims() {
            return List.of(n);
        }

        @Override
        public String toString() {
            return Long.toString(n);
        }
    }

    static Grid grid(long h, long w, long c) {
        return new Grid(h, w, c);
    }

    static Vector vector(long n) {
        return new Vector(n);
    }

    /** Channels of a feature map, or the length of a vector (what a following layer sees as its width). */
    default long channels() {
        return this instanceof Grid g ? g.c() : elements();
    }
}
