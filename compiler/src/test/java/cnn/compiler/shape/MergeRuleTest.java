package cnn.compiler.shape;

import static cnn.compiler.shape.Layers.grid;
import static cnn.compiler.shape.Layers.ok;
import static cnn.compiler.shape.Layers.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import org.junit.jupiter.api.Test;

class MergeRuleTest {

    private static final Op ADD = new Op.Add();
    private static final Op CONCAT = new Op.Concat();

    @Test
    void addOfEqualShapes() {
        assertEquals(new LayerFacts(grid(28, 28, 64), 0, 0, 0), ok(ADD, grid(28, 28, 64), grid(28, 28, 64)));
        assertEquals(new LayerFacts(grid(7, 7, 8), 0, 0, 0), ok(ADD, grid(7, 7, 8), grid(7, 7, 8), grid(7, 7, 8)));
        assertEquals(new LayerFacts(Shape.vector(10), 0, 0, 0), ok(ADD, Shape.vector(10), Shape.vector(10)));
    }

    @Test
    void addOfDifferentChannels() {
        // SPEC §2's example
        run("add_1", ADD, grid(28, 28, 64), grid(28, 28, 128)).fails("E0302",
                "add_1: branch shapes differ: 28x28x64 and 28x28x128",
                "give the 28x28x64 branch a 1x1 conv with 128 filters");
    }

    @Test
    void addAfterAStridedBody() {
        run("residual_1", ADD, grid(56, 56, 64), grid(28, 28, 128)).fails("E0302",
                "residual_1: branch shapes differ: 56x56x64 and 28x28x128",
                "give the 56x56x64 branch a 1x1 conv with 128 filters, stride 2");
    }

    @Test
    void addNamesEveryDifferentShapeOnce() {
        run("add_2", ADD, grid(56, 56, 64), grid(28, 28, 128), grid(28, 28, 128), grid(28, 28, 64)).fails("E0302",
                "add_2: branch shapes differ: 56x56x64, 28x28x128 and 28x28x64",
                "give the 56x56x64 branch a 1x1 conv with 128 filters, stride 2; "
                        + "give the 28x28x64 branch a 1x1 conv with 128 filters");
    }

    @Test
    void addOfSizesNoStrideReaches() {
        run("add_1", ADD, grid(28, 28, 64), grid(27, 27, 64)).fails("E0302",
                "add_1: branch shapes differ: 28x28x64 and 27x27x64", "make every branch 27x27x64");
    }

    @Test
    void addOfAVectorAndAFeatureMap() {
        run("add_1", ADD, Shape.vector(10), grid(1, 1, 10)).fails("E0302",
                "add_1: branch shapes differ: 10 and 1x1x10", "make every branch a vector of 10 values");
        run("add_1", ADD, Shape.vector(10), Shape.vector(12)).fails("E0302",
                "add_1: branch shapes differ: 10 and 12", "make every branch a vector of 10 values");
    }

    @Test
    void mergeOfOneInput() {
        run("add_1", ADD, grid(4, 4, 4)).fails("E0307", "add_1: add needs two or more inputs, got 1",
                "give add a second branch or tensor");
        run("concat_1", CONCAT, grid(4, 4, 4)).fails("E0307", "concat_1: concat needs two or more inputs, got 1",
                "give concat a second branch or tensor");
    }

    @Test
    void concatSumsChannels() {
        // an Inception module's four branches
        assertEquals(new LayerFacts(grid(28, 28, 256), 0, 0, 0),
                ok(CONCAT, grid(28, 28, 64), grid(28, 28, 128), grid(28, 28, 32), grid(28, 28, 32)));
    }

    @Test
    void concatOfVectors() {
        assertEquals(new LayerFacts(Shape.vector(30), 0, 0, 0), ok(CONCAT, Shape.vector(10), Shape.vector(20)));
    }

    @Test
    void concatOfDifferentSizes() {
        run("concat_1", CONCAT, grid(28, 28, 64), grid(14, 14, 128), grid(28, 28, 64)).fails("E0302",
                "concat_1: branch sizes differ: 28x28x64 and 14x14x128 (concat needs equal height and width)",
                "make every branch 14x14, e.g. with pad=same and the same strides in every branch");
    }

    @Test
    void concatOfFeatureMapsAndVectors() {
        run("concat_1", CONCAT, grid(28, 28, 64), Shape.vector(3)).fails("E0302",
                "concat_1: cannot concat feature maps with vectors: 28x28x64 and 3",
                "flatten or globalavgpool the feature maps first");
    }

    @Test
    void concatTooLarge() {
        run("concat_1", CONCAT, grid(30_000, 30_000, 1), grid(30_000, 30_000, 2)).fails("E0403",
                "concat_1: output 30000x30000x3 would have 2,700,000,000 values, more than a Java array can hold "
                        + "(2,147,483,639)",
                "make it smaller with a stride or pooling before this layer");
    }
}
