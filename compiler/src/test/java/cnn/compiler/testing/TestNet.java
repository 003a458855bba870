package cnn.compiler.testing;

import cnn.compiler.diag.SourceSpan;
import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Padding;
import cnn.compiler.graph.Shape;
import cnn.compiler.graph.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds networks by hand for code generation tests, computing shapes, parameters and MACs with
 * SPEC §1.3's formulas written out here (independently of the shape stage). Each added layer
 * reads the previous one unless inputs are named.
 */
public final class TestNet {

    private final String name;
    private final Shape.Grid input;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private String last = "input";
    private List<String> outputs = List.of();
    private Optional<String> weightsFrom = Optional.empty();

    private TestNet(String name, Shape.Grid input) {
        this.name = name;
        this.input = input;
        shapes.put("input", input);
    }

    public static TestNet input(String model, long h, long w, long c) {
        return new TestNet(model, Shape.grid(h, w, c));
    }

    public TestNet add(String layer, Op op) {
        return add(layer, op, Activation.LINEAR);
    }

    public TestNet add(String layer, Op op, Activation act, String... inputs) {
        List<String> ins = inputs.length == 0 ? List.of(last) : List.of(inputs);
        List<Shape> inShapes = ins.stream().map(shapes::get).toList();
        Shape in = inShapes.get(0);
        Shape out;
        long params = 0;
        long nonTrainable = 0;
        long macs = 0;
        if (op instanceof Op.Conv c) {
            Shape.Grid g = (Shape.Grid) in;
            Padding p = c.pad().resolve(g.h(), g.w(), c.window());
            out = Shape.grid(c.window().outH(g.h(), p), c.window().outW(g.w(), p), c.filters());
            long k = (long) c.window().kernelH() * c.window().kernelW() * (g.c() / c.groups());
            params = k * c.filters() + (c.bias() ? c.filters() : 0);
            macs = out.elements() * k;
        } else if (op instanceof Op.DepthwiseConv d) {
            Shape.Grid g = (Shape.Grid) in;
            Padding p = d.pad().resolve(g.h(), g.w(), d.window());
            out = Shape.grid(d.window().outH(g.h(), p), d.window().outW(g.w(), p), g.c() * d.multiplier());
            long k = (long) d.window().kernelH() * d.window().kernelW();
            params = k * out.channels() + (d.bias() ? out.channels() : 0);
            macs = out.elements() * k;
        } else if (op instanceof Op.Pool pool) {
            Shape.Grid g = (Shape.Grid) in;
            Padding p = pool.pad().resolve(g.h(), g.w(), pool.window());
            out = Shape.grid(pool.window().outH(g.h(), p), pool.window().outW(g.w(), p), g.c());
        } else if (op instanceof Op.GlobalPool) {
            out = Shape.vector(in.channels());
        } else if (op instanceof Op.Flatten) {
            out = Shape.vector(in.elements());
        } else if (op instanceof Op.Dense d) {
            out = Shape.vector(d.units());
            params = in.elements() * d.units() + (d.bias() ? d.units() : 0);
            macs = in.elements() * d.units();
        } else if (op instanceof Op.SlidingDense d) {
            Shape.Grid g = (Shape.Grid) in;
            out = Shape.grid(g.h() - d.kernelH() + 1, g.w() - d.kernelW() + 1, d.units());
            long k = (long) d.kernelH() * d.kernelW() * d.channels();
            params = k * d.units() + (d.bias() ? d.units() : 0);
            macs = out.elements() * k;
        } else if (op instanceof Op.BatchNorm) {
            out = in;
            params = 2 * in.channels();
            nonTrainable = 2 * in.channels();
        } else if (op instanceof Op.Upsample u) {
            Shape.Grid g = (Shape.Grid) in;
            out = Shape.grid(g.h() * u.factor(), g.w() * u.factor(), g.c());
        } else if (op instanceof Op.ZeroPad z) {
            Shape.Grid g = (Shape.Grid) in;
            Padding p = z.padding();
            out = Shape.grid(g.h() + p.top() + p.bottom(), g.w() + p.left() + p.right(), g.c());
        } else if (op instanceof Op.Concat) {
            if (in instanceof Shape.Grid g) {
                out = Shape.grid(g.h(), g.w(), inShapes.stream().mapToLong(Shape::channels).sum());
            } else {
                out = Shape.vector(inShapes.stream().mapToLong(Shape::elements).sum());
            }
        } else {
            // add, dropout, activations, heads: the shape passes through
            out = in;
        }
        nodes.add(new Node(layer, op, ins, inShapes, act, out, params, nonTrainable, macs, false,
                SourceSpan.none("test.cnn")));
        shapes.put(layer, out);
        last = layer;
        return this;
    }

    public TestNet outputs(String... names) {
        outputs = List.of(names);
        return this;
    }

    public TestNet weightsFrom(String detector) {
        weightsFrom = Optional.of(detector);
        return this;
    }

    public Shape shape(String tensor) {
        return shapes.get(tensor);
    }

    public Network build() {
        List<String> outs = outputs.isEmpty() ? List.of(last) : outputs;
        return new Network(name, "", "input", input, nodes, outs, Optional.empty(), weightsFrom,
                SourceSpan.none("test.cnn"));
    }
}
