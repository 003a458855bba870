package cnn.compiler.shape;

import static cnn.compiler.shape.Layers.dense;
import static cnn.compiler.shape.Layers.grid;
import static cnn.compiler.shape.Layers.ok;
import static cnn.compiler.shape.Layers.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Init;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import org.junit.jupiter.api.Test;

class DenseRuleTest {

    @Test
    void flattenRowMajor() {
        assertEquals(new LayerFacts(Shape.vector(400), 0, 0, 0), ok(new Op.Flatten(), grid(5, 5, 16)));
        assertEquals(new LayerFacts(Shape.vector(25_088), 0, 0, 0), ok(new Op.Flatten(), grid(7, 7, 512)));
    }

    @Test
    void flattenOfAVectorChangesNothing() {
        assertEquals(new LayerFacts(Shape.vector(10), 0, 0, 0), ok(new Op.Flatten(), Shape.vector(10)));
    }

    @Test
    void lenetDenseLayers() {
        // published LeNet-5: 400 → 120 (48,120), 120 → 84 (10,164), 84 → 10 (850)
        LayerFacts c5 = ok(dense(120), Shape.vector(400));
        assertEquals(new LayerFacts(Shape.vector(120), 48_120, 0, 48_000), c5);
        assertEquals(new LayerFacts(Shape.vector(84), 10_164, 0, 10_080), ok(dense(84), c5.output()));
        assertEquals(new LayerFacts(Shape.vector(10), 850, 0, 840), ok(dense(10), Shape.vector(84)));
    }

    @Test
    void vggFc6() {
        // published VGG-16 fc6: 7·7·512 = 25,088 inputs, 4,096 units: 102,764,544 parameters
        LayerFacts f = ok(dense(4096), Shape.vector(25_088));
        assertEquals(102_764_544L, f.params());
        assertEquals(102_760_448L, f.macs());
    }

    @Test
    void denseWithoutBias() {
        assertEquals(840, ok(new Op.Dense(10, false, Init.XAVIER), Shape.vector(84)).params());
    }

    @Test
    void denseOnAFeatureMap() {
        run("dense_1", dense(10), grid(5, 5, 16)).fails("E0303",
                "dense_1: dense needs a vector, but its input is the feature map 5x5x16",
                "add flatten (400 values) or globalavgpool (16 values) before it");
    }

    @Test
    void denseUnitsAtLeastOne() {
        run("dense_1", dense(0), Shape.vector(10)).fails("E0401", "dense_1: units must be at least 1, got 0", null);
    }

    @Test
    void denseWeightTooLarge() {
        run("d", dense(100_000), Shape.vector(100_000)).fails("E0403",
                "d: the weight [100000, 100000] would have 10,000,000,000 values, more than a Java array can hold "
                        + "(2,147,483,639)",
                "use fewer filters or units, or a smaller input to this layer");
    }
}
