package cnn.compiler.codegen.training;

import cnn.compiler.codegen.ConvGeometry;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.Window;

/**
 * The trainer's view of a windowed layer as a {@link ConvGeometry}. A dense layer is the 1x1 case
 * on a 1x1 map; a depthwise layer is the grouped case with one input channel per group.
 */
final class Geometry {

    private Geometry() {
    }

    static ConvGeometry of(Node n) {
        Shape.Grid in = grid(n.inputShape());
        Shape.Grid out = grid(n.output());
        Op op = n.op();
        if (op instanceof Op.Conv c) {
            return ConvGeometry.of(in, out, c.window(), n.padding(), c.groups());
        } else if (op instanceof Op.DepthwiseConv d) {
            return ConvGeometry.of(in, out, d.window(), n.padding(), Math.toIntExact(in.c()));
        } else if (op instanceof Op.Pool p) {
            return ConvGeometry.of(in, out, p.window(), n.padding(), 1);
        } else if (op instanceof Op.Dense) {
            return ConvGeometry.of(Shape.grid(1, 1, in.elements()), out, Window.of(1, 1, 1), Padding.NONE, 1);
        }
        throw new IllegalArgumentException("no window geometry for " + op.opName());
    }

    /** A vector is a 1x1 map to the kernels that accept one. */
    static Shape.Grid grid(Shape s) {
        return s instanceof Shape.Grid g ? g : Shape.grid(1, 1, s.elements());
    }
}
