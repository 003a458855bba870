package cnn.compiler.shape;

import cnn.compiler.graph.Shape;
import cnn.compiler.graph.Op;

/** A straight run of layers through the rules, as the front end would chain them, with running totals. */
final class Chain {

    private Shape current;
    private long params;
    private long nonTrainable;
    private long macs;

    Chain(Shape input) {
        this.current = input;
    }

    Chain then(Op op) {
        current = record(Layers.ok(op, current));
        return this;
    }

    /** Two branches from the current tensor, summed: a residual unit. */
    Chain add(Chain body, Chain shortcut) {
        current = record(Layers.ok(new Op.Add(), shortcut.current, body.current));
        params += body.params + shortcut.params;
        nonTrainable += body.nonTrainable + shortcut.nonTrainable;
        macs += body.macs + shortcut.macs;
        return this;
    }

    private Shape record(LayerFacts f) {
        params += f.params();
        nonTrainable += f.nonTrainable();
        macs += f.macs();
        return f.output();
    }

    Shape shape() {
        return current;
    }

    long params() {
        return params;
    }

    long nonTrainable() {
        return nonTrainable;
    }

    long macs() {
        return macs;
    }
}
