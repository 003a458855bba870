package cnn.compiler.graph;

/** The sliding window of a convolution or pooling: kernel, stride and dilation per axis. */
public record Window(int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW) {

    public static Window of(int kernelH, int kernelW, int stride) {
        return new Window(kernelH, kernelW, stride, stride, 1, 1);
    }

    public long effectiveKernelH() {
        return (long) dilationH * (kernelH - 1) + 1;
    }

    public long effectiveKernelW() {
        return (long) dilationW * (kernelW - 1) + 1;
    }

    /** {@code floor((n + p_begin + p_end - f_eff) / s) + 1}; may be below 1, which the caller reports. */
    public long outH(long inH, Padding p) {
        return Math.floorDiv(inH + p.top() + p.bottom() - effectiveKernelH(), strideH) + 1;
    }

    public long outW(long inW, Padding p) {
        return Math.floorDiv(inW + p.left() + p.right() - effectiveKernelW(), strideW) + 1;
    }

    @Override
    public String toString() {
        return kernelH + "x" + kernelW + (strideH == strideW ? " stride " + strideH : " stride (" + strideH + ", " + strideW + ")")
                + (dilationH == 1 && dilationW == 1 ? "" : " dilation " + dilationH);
    }
}
