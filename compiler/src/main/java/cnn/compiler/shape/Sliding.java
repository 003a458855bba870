package cnn.compiler.shape;

import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.Window;

/**
 * What every windowed op (conv, dwconv, pooling, a slid dense) shares: checking the window's
 * values and the output size. The arithmetic itself lives in {@link PadSpec#resolve} and
 * {@link Window#outH}/{@link Window#outW}; this class only decides what is wrong with the result.
 */
final class Sliding {

    private Sliding() {
    }

    /** Output height and width of a window over a grid. */
    record Out(long h, long w, Padding padding) {
    }

    /** E0401 for a kernel, stride or dilation below 1, E0403 for a window no tensor could fill. */
    static boolean validWindow(Window w, LayerCheck check) {
        boolean ok = true;
        if (w.kernelH() < 1 || w.kernelW() < 1) {
            check.error("E0401", "kernel must be at least 1x1, got " + w.kernelH() + "x" + w.kernelW(), null);
            ok = false;
        }
        if (w.strideH() < 1 || w.strideW() < 1) {
            check.error("E0401", "stride must be at least 1, got " + pair(w.strideH(), w.strideW()), null);
            ok = false;
        }
        if (w.dilationH() < 1 || w.dilationW() < 1) {
            check.error("E0401", "dilation must be at least 1, got " + pair(w.dilationH(), w.dilationW()), null);
            ok = false;
        }
        if (ok && (w.effectiveKernelH() > LayerCheck.MAX_ARRAY || w.effectiveKernelW() > LayerCheck.MAX_ARRAY)) {
            check.error("E0403", kernel(w) + " is larger than any tensor can be", "use a smaller dilation");
            ok = false;
        }
        return ok;
    }

    /** E0401 for a negative explicit padding. */
    static boolean validPad(PadSpec pad, LayerCheck check) {
        if (pad instanceof PadSpec.Explicit e) {
            Padding p = e.padding();
            if (p.top() < 0 || p.bottom() < 0 || p.left() < 0 || p.right() < 0) {
                check.error("E0401", "pad must not be negative, got " + pad, null);
                return false;
            }
        }
        return true;
    }

    /**
     * The output size, or null after E0301 when the padded input is smaller than the window.
     * Also warns (W0101) when the stride leaves the last rows or columns of the input unread.
     *
     * @param fix the hint for E0301
     */
    static Out out(Shape.Grid in, Window w, PadSpec pad, LayerCheck check, String fix) {
        Padding p = pad.resolve(in.h(), in.w(), w);
        long oh = w.outH(in.h(), p);
        long ow = w.outW(in.w(), p);
        if (oh < 1 || ow < 1) {
            String padded = p.isNone() ? ""
                    : " padded to " + (in.h() + p.top() + p.bottom()) + "x" + (in.w() + p.left() + p.right());
            check.error("E0301", "output would be " + Math.max(oh, 0) + "x" + Math.max(ow, 0) + ": input " + in
                    + padded + " is smaller than the " + kernel(w) + " (pad " + pad + ")", fix);
            return null;
        }
        if (!(pad instanceof PadSpec.Same)) {
            warnUnread(in, w, p, pad, check);
        }
        return new Out(oh, ow, p);
    }

    /**
     * W0101. Only when the window is at least as tall (wide) as the stride: otherwise the stride
     * skips rows between every two windows by design (a strided 1x1 projection) and the last
     * ones are no different.
     */
    private static void warnUnread(Shape.Grid in, Window w, Padding p, PadSpec pad, LayerCheck check) {
        long rows = w.effectiveKernelH() < w.strideH() ? 0
                : unread(in.h() + p.top() + p.bottom() - w.effectiveKernelH(), w.strideH(), p.bottom());
        long cols = w.effectiveKernelW() < w.strideW() ? 0
                : unread(in.w() + p.left() + p.right() - w.effectiveKernelW(), w.strideW(), p.right());
        if (rows == 0 && cols == 0) {
            return;
        }
        String what = rows > 0 && cols > 0
                ? LayerCheck.plural(rows, "row") + " and " + LayerCheck.plural(cols, "column")
                : rows > 0 ? LayerCheck.plural(rows, "row") : LayerCheck.plural(cols, "column");
        String stride = pair(w.strideH(), w.strideW());
        check.warning("W0101", "stride " + stride + " leaves the last " + what + " of input " + in
                + " unused (" + kernel(w) + ", pad " + pad + ")",
                "use pad=same, or an input size where size + padding - kernel is a multiple of " + stride);
    }

    /** Real (not padding) rows after the last window: the remainder less the padding at the end. */
    private static long unread(long span, int stride, int padEnd) {
        return Math.max(0, span % stride - padEnd);
    }

    /** "5x5 kernel", or "3x3 kernel dilated by 2 to 5x5". */
    static String kernel(Window w) {
        String k = w.kernelH() + "x" + w.kernelW() + " kernel";
        if (w.dilationH() == 1 && w.dilationW() == 1) {
            return k;
        }
        return k + " dilated by " + pair(w.dilationH(), w.dilationW())
                + " to " + w.effectiveKernelH() + "x" + w.effectiveKernelW();
    }

    private static String pair(int a, int b) {
        return a == b ? Integer.toString(a) : "(" + a + ", " + b + ")";
    }
}
