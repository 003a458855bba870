package cnn.compiler.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * The tensors each layer keeps in the weights file, with PyTorch's layouts (SPEC §5):
 * conv {@code [out, in/groups, kh, kw]}, dwconv {@code [C·M, 1, kh, kw]}, dense {@code [out, in]}.
 */
public final class WeightLayout {

    private WeightLayout() {
    }

    public static List<TensorSpec> of(Node node) {
        List<TensorSpec> out = new ArrayList<>();
        String n = node.name();
        long cin = node.inputShape().channels();
        boolean trainable = !node.frozen();
        Op op = node.op();
        if (op instanceof Op.Conv c) {
            Window w = c.window();
            out.add(new TensorSpec(n + ".weight",
                    new int[] {c.filters(), (int) (cin / c.groups()), w.kernelH(), w.kernelW()},
                    trainable));
            if (c.bias()) {
                out.add(new TensorSpec(n + ".bias", new int[] {c.filters()}, trainable));
            }
        } else if (op instanceof Op.DepthwiseConv d) {
            int channels = (int) (cin * d.multiplier());
            out.add(new TensorSpec(n + ".weight",
                    new int[] {channels, 1, d.window().kernelH(), d.window().kernelW()}, trainable));
            if (d.bias()) {
                out.add(new TensorSpec(n + ".bias", new int[] {channels}, trainable));
            }
        } else if (op instanceof Op.Dense d) {
            out.add(new TensorSpec(n + ".weight", new int[] {d.units(), (int) node.inputShape().elements()}, trainable));
            if (d.bias()) {
                out.add(new TensorSpec(n + ".bias", new int[] {d.units()}, trainable));
            }
        } else if (op instanceof Op.SlidingDense d) {
            out.add(new TensorSpec(n + ".weight",
                    new int[] {d.units(), d.kernelH() * d.kernelW() * d.channels()}, trainable));
            if (d.bias()) {
                out.add(new TensorSpec(n + ".bias", new int[] {d.units()}, trainable));
            }
        } else if (op instanceof Op.BatchNorm) {
            int c = (int) cin;
            out.add(new TensorSpec(n + ".weight", new int[] {c}, trainable));
            out.add(new TensorSpec(n + ".bias", new int[] {c}, trainable));
            out.add(new TensorSpec(n + ".running_mean", new int[] {c}, false));
            out.add(new TensorSpec(n + ".running_var", new int[] {c}, false));
        }
        return out;
    }
}
