package cnn.compiler.graph;

import cnn.compiler.diag.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * One layer of a resolved, shape-checked network.
 *
 * @param name        the SPEC §1.4 name, also the key prefix in the weights file
 * @param inputs      names of the tensors it reads: {@link Network#inputName()} or earlier nodes
 * @param inputShapes the shapes of those tensors, in the same order
 * @param activation  the activation suffix applied after the op ({@link Activation#LINEAR} if none)
 * @param params      trainable parameters (SPEC §1.3)
 * @param nonTrainable running statistics (batchnorm) — reported, never trained
 * @param macs        multiply-accumulates per sample
 * @param frozen      inside {@code frozen {}} or brought in by {@code use … frozen}
 * @param reusedFrom  for a layer brought in by {@code use M}: M, whose weights file holds this
 *                    layer's tensors under the same names (transfer learning loads them from it)
 */
public record Node(String name, Op op, List<String> inputs, List<Shape> inputShapes, Activation activation,
                   Shape output, long params, long nonTrainable, long macs, boolean frozen, SourceSpan span,
                   Optional<String> reusedFrom) {

    public Node {
        inputs = List.copyOf(inputs);
        inputShapes = List.copyOf(inputShapes);
        reusedFrom = java.util.Objects.requireNonNull(reusedFrom, "reusedFrom");
    }

    /** A layer written in its own model (not brought in by {@code use}). */
    public Node(String name, Op op, List<String> inputs, List<Shape> inputShapes, Activation activation,
                Shape output, long params, long nonTrainable, long macs, boolean frozen, SourceSpan span) {
        this(name, op, inputs, inputShapes, activation, output, params, nonTrainable, macs, frozen, span,
                Optional.empty());
    }

    public Shape inputShape() {
        return inputShapes.get(0);
    }

    public String input() {
        return inputs.get(0);
    }

    /** The padding in pixels for ops that have a window, or {@link Padding#NONE}. */
    public Padding padding() {
        Shape in = inputShape();
        if (!(in instanceof Shape.Grid g)) {
            return Padding.NONE;
        }
        if (op instanceof Op.Conv c) {
            return c.pad().resolve(g.h(), g.w(), c.window());
        } else if (op instanceof Op.DepthwiseConv d) {
            return d.pad().resolve(g.h(), g.w(), d.window());
        } else if (op instanceof Op.Pool p) {
            return p.pad().resolve(g.h(), g.w(), p.window());
        } else if (op instanceof Op.ZeroPad z) {
            return z.padding();
        }
        return Padding.NONE;
    }
}
