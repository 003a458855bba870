package cnn.compiler.testing;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Init;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Window;

/** Short constructors for ops in tests. */
public final class Ops {

    private Ops() {
    }

    public static Op.Conv conv(int filters, int k, int stride, PadSpec pad) {
        return new Op.Conv(filters, Window.of(k, k, stride), pad, 1, true, Init.HE, null);
    }

    public static Op.Conv conv(int filters, Window w, PadSpec pad, int groups, boolean bias) {
        return new Op.Conv(filters, w, pad, groups, bias, Init.HE, null);
    }

    public static Op.DepthwiseConv dwconv(int multiplier, Window w, PadSpec pad) {
        return new Op.DepthwiseConv(multiplier, w, pad, true, Init.HE);
    }

    public static Op.Pool maxpool(int k, int stride, PadSpec pad) {
        return new Op.Pool(Op.PoolKind.MAX, Window.of(k, k, stride), pad);
    }

    public static Op.Pool avgpool(int k, int stride, PadSpec pad) {
        return new Op.Pool(Op.PoolKind.AVG, Window.of(k, k, stride), pad);
    }

    public static Op.Dense dense(int units) {
        return new Op.Dense(units, true, Init.HE);
    }

    public static PadSpec pad(int t, int b, int l, int r) {
        return new PadSpec.Explicit(new Padding(t, b, l, r));
    }

    public static Activation act(Activation.Kind k) {
        return Activation.of(k);
    }
}
