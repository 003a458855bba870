package cnn.runtime.kernels;

import java.util.Arrays;

/**
 * The sizes of one convolution-like layer (conv, depthwise, a sliding dense layer), made once when
 * a generated model is built, with what its kernels precompute from them: the zero-padded input
 * they read and the offset of every tap of a window in it.
 *
 * <p>A kernel reads a padded copy of the input ({@link #pad}) when the layer pads or its windows
 * reach past the input; then no window needs a bounds check. {@code taps[t]} for tap
 * {@code t = (ky·kw + kx)·cin + ci} is that value's offset from the window's first value, so the
 * inner loop of a kernel is one loop over the taps, whatever the kernel size, stride or dilation.
 */
public final class ConvShape {

    public final int h;
    public final int w;
    public final int cin;
    public final int oh;
    public final int ow;
    public final int cout;
    public final int kh;
    public final int kw;
    public final int sh;
    public final int sw;
    public final int dh;
    public final int dw;
    public final int padTop;
    public final int padLeft;
    /** Rows and columns of the input as the kernels read it: padded, or the input itself. */
    public final int hp;
    public final int wp;
    /** The activation the kernel applies to each output ({@link Activations#RELU} …) and its parameter. */
    public final int activation;
    public final float alpha;
    /**
     * Offset of each tap {@code (ky, kx, ci)} from the window's first value, in the padded input,
     * leaving out window positions that read padding for every output pixel (a 3x3 layer on a 1x1
     * map reads its input only through the centre): they add nothing but zeros.
     */
    final int[] taps;
    /** Per entry of {@link #taps}, its row of the packed weights, {@code (ky·kw + kx)·cin + ci}. */
    final int[] tapRows;
    /**
     * Per entry of {@link #taps}, the end of the run of entries whose weight rows follow one another
     * (all of them when no position is left out): a tile walks the weights of a run by increments.
     */
    final int[] runEnd;
    /** Offset of each window position {@code (ky, kx)} that reads the input somewhere (channel 0). */
    final int[] pixelTaps;
    /** Per entry of {@link #pixelTaps}, its position {@code ky·kw + kx}. */
    final int[] pixelRows;
    /**
     * With fewer than 16 input channels, this layer with 16: the input-gradient kernel runs on a
     * copy with 16 channels per pixel, so each pixel's channels fill whole vectors; else null.
     */
    final ConvShape widerIn;

    /**
     * @param activation one of the codes in {@link Activations}; {@code alpha} is leaky's slope
     */
    public ConvShape(int h, int w, int cin, int oh, int ow, int cout, int kh, int kw, int sh, int sw, int dh, int dw,
                     int padTop, int padLeft, int activation, float alpha) {
        if (Math.min(Math.min(h, w), Math.min(cin, cout)) < 1 || Math.min(oh, ow) < 1 || Math.min(kh, kw) < 1
                || Math.min(sh, sw) < 1 || Math.min(dh, dw) < 1 || padTop < 0 || padLeft < 0) {
            throw new IllegalArgumentException("not a convolution: " + h + "x" + w + "x" + cin + " -> " + oh + "x" + ow
                    + "x" + cout + ", kernel " + kh + "x" + kw);
        }
        this.h = h;
        this.w = w;
        this.cin = cin;
        this.oh = oh;
        this.ow = ow;
        this.cout = cout;
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
        this.dh = dh;
        this.dw = dw;
        this.padTop = padTop;
        this.padLeft = padLeft;
        this.activation = activation;
        this.alpha = alpha;
        // every row and column some window reads, counted from the padded input's origin
        this.hp = Math.max(padTop + h, (oh - 1) * sh + (kh - 1) * dh + 1);
        this.wp = Math.max(padLeft + w, (ow - 1) * sw + (kw - 1) * dw + 1);
        int live = 0;
        for (int ky = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
                live += reads(ky, kx) ? 1 : 0;
            }
        }
        this.taps = new int[live * cin];
        this.tapRows = new int[live * cin];
        this.pixelTaps = new int[live];
        this.pixelRows = new int[live];
        int k = 0;
        for (int ky = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
                if (!reads(ky, kx)) {
                    continue;
                }
                int at = (ky * dh * wp + kx * dw) * cin;
                pixelTaps[k] = at;
                pixelRows[k] = ky * kw + kx;
                for (int ci = 0; ci < cin; ci++) {
                    taps[k * cin + ci] = at + ci;
                    tapRows[k * cin + ci] = (ky * kw + kx) * cin + ci;
                }
                k++;
            }
        }
        this.runEnd = new int[taps.length];
        for (int t = taps.length - 1; t >= 0; t--) {
            runEnd[t] = t + 1 < taps.length && tapRows[t + 1] == tapRows[t] + 1 ? runEnd[t + 1] : t + 1;
        }
        this.widerIn = cin < 16 ? new ConvShape(h, w, 16, oh, ow, cout, kh, kw, sh, sw, dh, dw, padTop, padLeft,
                activation, alpha) : null;
    }

    /** True when the kernels read a padded copy of the input rather than the input itself. */
    public boolean padded() {
        return hp != h || wp != w;
    }

    /**
     * Adds (or with {@code assign} writes) the inside of the padded-layout gradient {@code gp} of the
     * sample at {@code gpOff} into the input gradient {@code dx} at {@code dxOff}: the border, where
     * no input value lies, is dropped.
     */
    public void crop(float[] gp, int gpOff, float[] dx, int dxOff, boolean assign) {
        int row = w * cin;
        for (int y = 0; y < h; y++) {
            int from = gpOff + ((padTop + y) * wp + padLeft) * cin;
            int to = dxOff + y * row;
            if (assign) {
                System.arraycopy(gp, from, dx, to, row);
            } else {
                for (int j = 0; j < row; j++) {
                    dx[to + j] += gp[from + j];
                }
            }
        }
    }

    /** Floats of the padded input. */
    public int paddedSize() {
        return hp * wp * cin;
    }

    /** Window position {@code (ky, kx)} reads a real input value for some output pixel. */
    private boolean reads(int ky, int kx) {
        boolean row = false;
        for (int oy = 0; oy < oh && !row; oy++) {
            int iy = oy * sh - padTop + ky * dh;
            row = iy >= 0 && iy < h;
        }
        boolean col = false;
        for (int ox = 0; ox < ow && !col; ox++) {
            int ix = ox * sw - padLeft + kx * dw;
            col = ix >= 0 && ix < w;
        }
        return row && col;
    }

    /**
     * Packs {@code [kh][kw][cin][cout]} weights (from {@code wOff}) into {@code wt} as
     * {@code [kh][kw][cout][cin]} for {@link Kernels#convInputGradient}, only the window positions
     * the kernels visit (the others are never read).
     */
    public void transposeWeights(float[] w, int wOff, float[] wt) {
        for (int row : pixelRows) {
            Packing.transposeTaps(w, wOff, cin, cout, wt, row, row + 1);
        }
    }

    /** Output pixels of one sample, {@code oh·ow}. */
    public int pixels() {
        return oh * ow;
    }

    /**
     * Floats between two samples' inputs as the kernels read them ({@code hp·wp·cin}): a batch of
     * padded copies, or the unpadded batch itself, which then has exactly this stride.
     */
    public int sampleStride() {
        return hp * wp * cin;
    }

    /**
     * Index of the first value of pixel {@code q}'s window, where {@code q} counts output pixels
     * over consecutive samples ({@code q = sample·oh·ow + oy·ow + ox}) of a batch of inputs
     * {@link #sampleStride()} apart. For one sample, {@code q < oh·ow}, it is {@link #windowStart}.
     */
    int windowAt(int q) {
        int pixels = oh * ow;
        int n = q / pixels;
        int p = q - n * pixels;
        return n * hp * wp * cin + windowStart(p / ow, p % ow);
    }

    /** Index in the (padded) input of the first value of output pixel {@code (oy, ox)}'s window. */
    int windowStart(int oy, int ox) {
        return (oy * sh * wp + ox * sw) * cin;
    }

    /**
     * Copies {@code in} (an {@code h x w x cin} sample) into {@code xp} with the zero border the
     * windows read. Every value the kernels read is written, so {@code xp} may hold anything before.
     */
    public void pad(float[] in, float[] xp) {
        pad(in, 0, xp, 0);
    }

    /** {@link #pad(float[], float[])} of the sample at {@code in[inOff]} into {@code xp[xpOff]}. */
    public void pad(float[] in, int inOff, float[] xp, int xpOff) {
        int row = wp * cin;
        int bottom = hp - padTop - h;
        Arrays.fill(xp, xpOff, xpOff + padTop * row, 0f);
        int left = padLeft * cin;
        int right = (wp - padLeft - w) * cin;
        for (int y = 0; y < h; y++) {
            int o = xpOff + (padTop + y) * row;
            if (left > 0) {
                Arrays.fill(xp, o, o + left, 0f);
            }
            System.arraycopy(in, inOff + y * w * cin, xp, o + left, w * cin);
            if (right > 0) {
                Arrays.fill(xp, o + left + w * cin, o + row, 0f);
            }
        }
        Arrays.fill(xp, xpOff + (padTop + h) * row, xpOff + (padTop + h + bottom) * row, 0f);
    }
}
