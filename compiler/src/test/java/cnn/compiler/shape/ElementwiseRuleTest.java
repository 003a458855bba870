package cnn.compiler.shape;

import static cnn.compiler.shape.Layers.grid;
import static cnn.compiler.shape.Layers.ok;
import static cnn.compiler.shape.Layers.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.Shape;
import org.junit.jupiter.api.Test;

class ElementwiseRuleTest {

    @Test
    void activationsKeepTheShape() {
        for (Activation.Kind kind : Activation.Kind.values()) {
            Op.Act op = new Op.Act(Activation.of(kind));
            assertEquals(new LayerFacts(grid(4, 5, 6), 0, 0, 0), ok(op, grid(4, 5, 6)), kind.name());
            assertEquals(new LayerFacts(Shape.vector(10), 0, 0, 0), ok(op, Shape.vector(10)), kind.name());
        }
    }

    @Test
    void batchNormHasTwoTrainedAndTwoRunningValuesPerChannel() {
        // ResNet's bn1 over 64 channels: weight and bias (128) trained, running mean and var (128) not
        assertEquals(new LayerFacts(grid(112, 112, 64), 128, 128, 0),
                ok(new Op.BatchNorm(1e-5, 0.1), grid(112, 112, 64)));
        assertEquals(new LayerFacts(Shape.vector(10), 20, 20, 0), ok(new Op.BatchNorm(1e-3, 0.99), Shape.vector(10)));
    }

    @Test
    void batchNormMomentumBoundsAreIncluded() {
        ok(new Op.BatchNorm(1e-5, 0), grid(2, 2, 2));
        ok(new Op.BatchNorm(1e-5, 1), grid(2, 2, 2));
    }

    @Test
    void dropoutKeepsTheShape() {
        assertEquals(new LayerFacts(Shape.vector(4096), 0, 0, 0), ok(new Op.Dropout(0.5), Shape.vector(4096)));
        assertEquals(new LayerFacts(grid(3, 3, 3), 0, 0, 0), ok(new Op.Dropout(0), grid(3, 3, 3)));
    }

    @Test
    void dropoutRateOutsideZeroToOne() {
        String hint = "the rate is the fraction of values dropped while training, e.g. 0.5";
        run("dropout_1", new Op.Dropout(1), Shape.vector(4)).fails("E0402", "dropout_1: rate must be in [0, 1), got 1.0",
                hint);
        run("dropout_1", new Op.Dropout(-0.1), Shape.vector(4)).fails("E0402",
                "dropout_1: rate must be in [0, 1), got -0.1", hint);
        run("dropout_1", new Op.Dropout(Double.NaN), Shape.vector(4)).fails("E0402",
                "dropout_1: rate must be in [0, 1), got NaN", hint);
    }

    @Test
    void batchNormEpsMustBePositive() {
        String hint = "eps keeps the division stable; the usual value is 1e-5";
        run("bn", new Op.BatchNorm(0, 0.1), grid(4, 4, 3)).fails("E0402", "bn: eps must be greater than 0, got 0.0",
                hint);
        run("bn", new Op.BatchNorm(-1e-5, 0.1), grid(4, 4, 3)).fails("E0402",
                "bn: eps must be greater than 0, got -1.0E-5", hint);
        run("bn", new Op.BatchNorm(Double.NaN, 0.1), grid(4, 4, 3)).fails("E0402",
                "bn: eps must be greater than 0, got NaN", hint);
    }

    @Test
    void batchNormMomentumOutsideZeroToOne() {
        String hint = "momentum is the weight of each new batch in the running statistics; the usual value is 0.1";
        run("bn", new Op.BatchNorm(1e-5, 1.5), grid(4, 4, 3)).fails("E0402", "bn: momentum must be in [0, 1], got 1.5",
                hint);
        run("bn", new Op.BatchNorm(1e-5, -0.1), grid(4, 4, 3)).fails("E0402",
                "bn: momentum must be in [0, 1], got -0.1", hint);
    }

    @Test
    void bothBatchNormValuesWrongAreTwoProblems() {
        Layers.Run r = run("bn", new Op.BatchNorm(0, 2), grid(4, 4, 3));
        assertTrue(r.facts().isEmpty());
        assertEquals(2, r.diagnostics().size());
    }
}
