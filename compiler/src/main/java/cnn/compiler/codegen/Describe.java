package cnn.compiler.codegen;

import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Window;
import cnn.compiler.lower.Step;
import java.util.stream.Collectors;

/** The comment above each layer method: name, op, shapes, parameters and MACs from the node. */
final class Describe {

    private Describe() {
    }

    static String step(Step s) {
        Node n = s.node();
        StringBuilder b = new StringBuilder();
        b.append(n.name()).append(": ").append(op(n)).append("\n");
        b.append(n.inputShapes().stream().map(Object::toString).collect(Collectors.joining(" and ")))
                .append(" -> ").append(n.output())
                .append(", ").append(Expr.count(n.params())).append(" params")
                .append(n.nonTrainable() > 0 ? " + " + Expr.count(n.nonTrainable()) + " running statistics" : "")
                .append(", ").append(Expr.count(n.macs())).append(" MACs\n");
        if (s.foldedNorm().isPresent()) {
            Node bn = s.foldedNorm().get();
            b.append("then ").append(bn.name()).append(": batchnorm, folded into the weights at load time (")
                    .append(Expr.count(bn.params())).append(" params + ").append(Expr.count(bn.nonTrainable()))
                    .append(" running statistics)\n");
        }
        if (!s.activation().isLinear()) {
            b.append("activation: ").append(s.activation()).append("\n");
        }
        return b.toString();
    }

    static String op(Node n) {
        Op op = n.op();
        if (op instanceof Op.Conv c) {
            return "conv, " + c.filters() + " filters " + window(c.window()) + pad(n.padding())
                    + (c.groups() > 1 ? ", groups " + c.groups() : "") + (c.bias() ? "" : ", no bias")
                    + (c.constantWeights() != null ? ", constant weights" : "");
        } else if (op instanceof Op.DepthwiseConv d) {
            return "dwconv, multiplier " + d.multiplier() + ", " + window(d.window()) + pad(n.padding())
                    + (d.bias() ? "" : ", no bias");
        } else if (op instanceof Op.Pool p) {
            return op.opName() + " " + window(p.window()) + pad(n.padding());
        } else if (op instanceof Op.Dense d) {
            return "dense, " + d.units() + " units" + (d.bias() ? "" : ", no bias");
        } else if (op instanceof Op.SlidingDense d) {
            return "dense applied as a sliding window: " + d.units() + " units over " + d.kernelH() + "x" + d.kernelW()
                    + "x" + d.channels() + " windows, stride 1";
        } else if (op instanceof Op.BatchNorm bn) {
            return "batchnorm, eps " + bn.eps();
        } else if (op instanceof Op.Upsample u) {
            return "upsample x" + u.factor() + ", nearest";
        } else if (op instanceof Op.ZeroPad z) {
            return "zeropad" + pad(z.padding());
        } else if (op instanceof Op.Act a) {
            return a.activation().toString();
        }
        return op.opName();
    }

    private static String window(Window w) {
        return w.kernelH() + "x" + w.kernelW() + (w.strideH() == w.strideW() ? " stride " + w.strideH()
                : " stride (" + w.strideH() + ", " + w.strideW() + ")")
                + (w.dilationH() == 1 && w.dilationW() == 1 ? ""
                : w.dilationH() == w.dilationW() ? " dilation " + w.dilationH()
                : " dilation (" + w.dilationH() + ", " + w.dilationW() + ")");
    }

    private static String pad(Padding p) {
        return p.isNone() ? "" : ", pad (top " + p.top() + ", bottom " + p.bottom() + ", left " + p.left() + ", right "
                + p.right() + ")";
    }
}
