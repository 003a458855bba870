package cnn.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamLayoutTest {

    private final ParamLayout layout = ParamLayout.builder()
            .add("conv_1.weight", 150)
            .add("conv_1.bias", 6)
            .add("dense_1.weight", 40, false, 1.0)
            .build();

    @Test
    void builderPacksTensorsBackToBack() {
        assertEquals(196, layout.size());
        assertEquals(150, layout.tensor("conv_1.bias").offset());
        assertEquals(156, layout.tensor("dense_1.weight").offset());
        assertFalse(layout.tensor("dense_1.weight").trainable());
    }

    @Test
    void masksAndScalesChangeWithoutMovingTensors() {
        ParamLayout tuned = layout.withTrainable("dense_1.weight", true).withLrScale("conv_1.weight", 0.1);
        assertTrue(tuned.tensor("dense_1.weight").trainable());
        assertEquals(0.1, tuned.tensor("conv_1.weight").lrScale());
        assertTrue(tuned.sameGeometry(layout));
        assertFalse(tuned.equals(layout));
    }

    @Test
    void refusesOverlapsDuplicatesAndOverruns() {
        var a = new ParamLayout.Tensor("a", 0, 10, true, 1);
        var b = new ParamLayout.Tensor("b", 5, 10, true, 1);
        var ex = assertThrows(IllegalArgumentException.class, () -> new ParamLayout(List.of(a, b), 20));
        assertEquals("parameter tensor b at offset 5 overlaps a, which ends at 10", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ParamLayout(List.of(a, a), 20));
        assertThrows(IllegalArgumentException.class, () -> new ParamLayout(List.of(a), 9));
        assertThrows(IllegalArgumentException.class, () -> new ParamLayout.Tensor("n", 0, 1, true, -1));
        assertThrows(IllegalArgumentException.class, () -> layout.tensor("nope"));
    }

    @Test
    void zeroLearningRateScaleKeepsATensorStillButCountsItsSteps() {
        ParamLayout l = ParamLayout.builder().add("a", 2, true, 0.0).add("b", 2).build();
        Sgd sgd = new Sgd(l, Sgd.Config.momentum(0.9));
        float[] p = {1, 2, 3, 4};
        sgd.step(p, new float[] {1, 1, 1, 1}, 0.5);
        assertArrayEquals(new float[] {1, 2, 2.5f, 3.5f}, p);
        assertArrayEquals(new float[] {1, 1}, sgd.state().get(Sgd.STEP));
    }

    @Test
    void stateOfTheWrongSizeIsRefusedByName() {
        Adam adam = new Adam(layout, Adam.Config.defaults());
        var ex = assertThrows(IllegalArgumentException.class,
                () -> adam.loadState(Map.of("exp_avg", new float[196], "exp_avg_sq", new float[5],
                        "step", new float[3])));
        assertEquals("Adam state array 'exp_avg_sq' has 5 values, expected 196", ex.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> adam.loadState(Map.of()));
        assertEquals("Adam state has no array 'exp_avg'", missing.getMessage());
    }

    @Test
    void optimizerConfigsRefuseWhatTorchRefuses() {
        assertThrows(IllegalArgumentException.class, () -> new Sgd.Config(0, 0, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new Sgd.Config(0.9, 0.1, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new Sgd.Config(-0.1, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new Adam.Config(1.0, 0.999, 1e-8, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new Adam.Config(0.9, 0.999, -1, 0, false));
        Sgd sgd = new Sgd(layout, Sgd.Config.plain());
        assertThrows(IllegalArgumentException.class, () -> sgd.step(new float[10], new float[196], 0.1));
        assertThrows(IllegalArgumentException.class, () -> sgd.step(new float[196], new float[196], Double.NaN));
    }
}
