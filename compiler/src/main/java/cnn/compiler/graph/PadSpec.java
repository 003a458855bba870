package cnn.compiler.graph;

/**
 * Padding as the user wrote it ({@code pad=valid|same|p|(t, b, l, r)}). {@link #resolve} turns
 * it into pixels for a given input; this is the only place that arithmetic lives.
 */
public sealed interface PadSpec {

    record Valid() implements PadSpec {
        @Override
        public String toString() {
            return "valid";
        }
    }

    record Same() implements PadSpec {
        @Override
        public String toString() {
            return "same";
        }
    }

    record Explicit(Padding padding) implements PadSpec {
        @Override
        public String toString() {
            Padding p = padding;
            return p.top() == p.bottom() && p.left() == p.right() && p.top() == p.left()
                    ? Integer.toString(p.top())
                    : "(" + p.top() + ", " + p.bottom() + ", " + p.left() + ", " + p.right() + ")";
        }
    }

    PadSpec VALID = new Valid();
    PadSpec SAME = new Same();

    /**
     * Pixels for an input of {@code inH x inW}. {@code same} gives {@code ceil(n / s)} outputs with
     * the odd pixel at the end (bottom/right), as SPEC §1.3 says.
     */
    default Padding resolve(long inH, long inW, Window window) {
        if (this instanceof Explicit e) {
            return e.padding();
        }
        if (this instanceof Same) {
            int th = sameTotal(inH, window.strideH(), window.effectiveKernelH());
            int tw = sameTotal(inW, window.strideW(), window.effectiveKernelW());
            return new Padding(th / 2, th - th / 2, tw / 2, tw - tw / 2);
        }
        return Padding.NONE;
    }

    private static int sameTotal(long n, int stride, long effectiveKernel) {
        long out = (n + stride - 1) / stride;
        return (int) Math.max((out - 1) * stride + effectiveKernel - n, 0);
    }
}
