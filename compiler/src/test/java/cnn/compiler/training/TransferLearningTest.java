package cnn.compiler.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.codegen.training.TrainerJit;
import cnn.compiler.graph.Network;
import cnn.runtime.kernels.Parallel;
import cnn.runtime.train.Targets;
import cnn.runtime.train.TrainableModel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Transfer learning from the source (SPEC §1.2, §1.5): {@code use Backbone until features frozen}
 * brings the backbone's layers under their own names, frozen; training the new model moves only
 * its head, and the backbone's batchnorm keeps (and normalises with) its running statistics.
 * Then fine-tuning unfreezes the last layers.
 */
class TransferLearningTest {

    private static final String SOURCE = """
            model Backbone {
                input 8x8x1
                conv 4, 3 pad=same
                batchnorm relu
                features = conv 6, 3 pad=same relu
                maxpool 2
                flatten
                dense 3 softmax
            }
            model Transfer {
                input 8x8x1
                use Backbone until features frozen
                globalavgpool
                dense 2 softmax
            }
            """;

    private static Network model(String name) {
        Compilation c = Compiler.compileSource("transfer.cnn", SOURCE);
        assertFalse(c.hasErrors(), c.render());
        return c.network(name).orElseThrow();
    }

    private static void train(TrainableModel t, int steps, long seed) {
        Random r = new Random(seed);
        for (int s = 0; s < steps; s++) {
            float[] x = new float[8 * 64];
            int[] labels = new int[8];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < 8; i++) {
                labels[i] = r.nextInt(Math.min(2, t.outputSize()));
            }
            t.step(x, Targets.labels(labels), 8);
        }
    }

    @Test
    void onlyTheNewHeadTrainsUntilTheBackboneIsUnfrozen() {
        Parallel threads = new Parallel(2);
        TrainerJit.Compiled backbone = Trainers.compile(model("Backbone"));
        TrainableModel b = backbone.trainer().create(backbone.model().init(1).tensors(), 8, threads);
        train(b, 5, 1);
        Map<String, float[]> trained = b.tensors();

        TrainerJit.Compiled transfer = Trainers.compile(model("Transfer"));
        Map<String, float[]> start = new LinkedHashMap<>(transfer.model().init(2).tensors());
        for (String k : start.keySet()) {
            if (!k.startsWith("dense_1.")) {
                start.put(k, trained.get(k)); // the reused layers keep their names: the backbone's tensors fit
            }
        }
        TrainableModel t = transfer.trainer().create(start, 8, threads);
        assertEquals(List.of("conv_1", "batchnorm_1", "features", "dense_1"), t.layers());
        train(t, 5, 2);
        Map<String, float[]> after = t.tensors();
        for (String k : List.of("conv_1.weight", "conv_1.bias", "batchnorm_1.weight", "batchnorm_1.bias",
                "batchnorm_1.running_mean", "batchnorm_1.running_var", "features.weight", "features.bias")) {
            assertArrayEquals(trained.get(k), after.get(k), k + " is frozen");
        }
        assertFalse(Arrays.equals(start.get("dense_1.weight"), after.get("dense_1.weight")), "the head trains");

        t.trainOnlyLast(3); // fine-tune batchnorm_1, features and dense_1
        train(t, 2, 3);
        Map<String, float[]> tuned = t.tensors();
        assertArrayEquals(after.get("conv_1.weight"), tuned.get("conv_1.weight"));
        assertFalse(Arrays.equals(after.get("features.weight"), tuned.get("features.weight")));
        assertFalse(Arrays.equals(after.get("batchnorm_1.running_mean"), tuned.get("batchnorm_1.running_mean")),
                "an unfrozen batchnorm moves its running statistics again");
        assertTrue(t.layout().tensor("batchnorm_1.weight").trainable());
        assertFalse(t.layout().tensor("conv_1.weight").trainable());
    }
}
