package cnn.compiler.shape;

import cnn.compiler.graph.Shape;

/** What shape inference learns about one layer. */
public record LayerFacts(Shape output, long params, long nonTrainable, long macs) {
}
