package cnn.compiler.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.codegen.training.TrainerJit;
import cnn.compiler.graph.Network;
import cnn.runtime.init.Rng;
import cnn.runtime.kernels.Parallel;
import cnn.runtime.optim.ParamLayout;
import cnn.runtime.train.FineTuning;
import cnn.runtime.train.Targets;
import cnn.runtime.train.TrainableModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FineTuning} on a generated trainer: which layers it unfreezes, and that they then train
 * at the scaled rate while the head keeps the full one (plain SGD, so one step is
 * {@code p − lr·scale·g}, checked element by element).
 */
class FineTuningTest {

    private static final String SOURCE = TransferFiles.MODELS.replace(TransferFiles.TRAIN, """
                train {
                    optimizer sgd lr=0.1 momentum=0
                    batch 8
                    seed 3
                }
            """);

    private static TrainableModel tuned() throws Exception {
        Compilation c = Compiler.compileSource("models.cnn", SOURCE);
        assertFalse(c.hasErrors(), c::render);
        Network net = c.network("Tuned").orElseThrow();
        TrainerJit.Compiled compiled = TrainerJit.compile(net);
        return compiled.trainer().create(compiled.model().init(4).tensors(), 8, new Parallel(1));
    }

    @Test
    void unfrozenLayersTrainAtTheScaledRateAndTheHeadAtTheFullRate() throws Exception {
        TrainableModel t = tuned();
        assertEquals(List.of("conv_1", "features"), FineTuning.candidates(t), "batchnorm is never a candidate");
        assertEquals(List.of("features"), FineTuning.unfreezeLast(t, 1, 0.25));
        assertEquals(List.of("conv_1"), FineTuning.candidates(t));
        ParamLayout layout = t.layout();
        assertTrue(layout.tensor("features.weight").trainable());
        assertEquals(0.25, layout.tensor("features.bias").lrScale());
        assertEquals(1.0, layout.tensor("head.weight").lrScale());
        assertFalse(layout.tensor("conv_1.weight").trainable());
        assertFalse(layout.tensor("batchnorm_1.weight").trainable());

        Rng rng = new Rng(9);
        float[] x = new float[8 * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1};
        t.setLearningRate(0.1);
        float[] before = t.parameters().clone();
        t.computeGradients(x, Targets.labels(labels), 8);
        float[] g = t.gradients().clone();
        t.applyGradients();
        float[] after = t.parameters();
        int moved = 0;
        for (ParamLayout.Tensor tensor : layout.tensors()) {
            float rate = (float) (0.1 * (tensor.trainable() ? tensor.lrScale() : 0));
            for (int i = tensor.offset(); i < tensor.end(); i++) {
                float expected = tensor.trainable() ? before[i] - rate * g[i] : before[i];
                assertEquals(expected, after[i], Math.ulp(expected), tensor.name() + "[" + (i - tensor.offset()) + "]");
                moved += after[i] != before[i] ? 1 : 0;
            }
        }
        // features (8·64 + 8) and head (3·8 + 3) moved; the rest could not
        assertTrue(moved > 400, moved + " values moved");
    }

    @Test
    void askingForMoreLayersThanAreFrozenNamesThem() throws Exception {
        TrainableModel t = tuned();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FineTuning.unfreezeLast(t, 3, 0.1));
        assertEquals("Tuned has only 2 frozen layers with weights to unfreeze (conv_1, features), not 3",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FineTuning.Plan(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FineTuning.Plan(0, 0, 0.1));
    }
}
