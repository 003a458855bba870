package cnn.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs each case of tools/reference/optim_fixtures.py through the Java optimizers and compares
 * every step's parameters and the final state with what torch.optim computed.
 */
class OptimizerFixtureTest {

    private static final OptimFixtures FIXTURES = OptimFixtures.load();

    @Test
    void fixtureHasTheCasesTheScriptWrites() {
        assertEquals(9, FIXTURES.cases.size());
        assertTrue(FIXTURES.cases.stream().anyMatch(c -> c.flag("nesterov")));
        assertTrue(FIXTURES.cases.stream().anyMatch(c -> c.optimizer().equals("adamw")));
    }

    @TestFactory
    Stream<DynamicTest> everyStepMatchesTorch() {
        return FIXTURES.cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    private static void run(OptimFixtures.Case c) {
        Schedule schedule = OptimFixtures.schedule(c.schedule());
        long total = c.schedule()[0].equals("cosine") ? Long.parseLong(c.schedule()[1]) : c.steps().size();
        double baseLr = c.hyper("lr", Double.NaN);

        ParamLayout layout = layout(c, c.steps().get(0).trainable());
        float[] params = new float[layout.size()];
        float[] grads = new float[layout.size()];
        for (ParamLayout.Tensor t : layout.tensors()) {
            System.arraycopy(c.init().get(t.name()), 0, params, t.offset(), t.length());
        }
        Optimizer optimizer = optimizer(c, layout);

        for (OptimFixtures.Step step : c.steps()) {
            double lr = schedule.lr(baseLr, step.number() - 1, total);
            assertEquals(step.lr(), lr, 1e-12 * baseLr, c.name() + " step " + step.number() + ": scheduled lr");

            ParamLayout now = layout(c, step.trainable());
            if (!now.equals(optimizer.layout())) {
                // Unfreezing mid-run: a new optimizer over the new mask carries the old state on.
                Optimizer next = optimizer(c, now);
                next.loadState(optimizer.state());
                optimizer = next;
            }
            float[] before = params.clone();
            for (ParamLayout.Tensor t : now.tensors()) {
                System.arraycopy(step.grads().get(t.name()), 0, grads, t.offset(), t.length());
            }
            optimizer.step(params, grads, lr);

            for (ParamLayout.Tensor t : now.tensors()) {
                float[] expected = step.params().get(t.name());
                String where = c.name() + " step " + step.number() + " " + t.name();
                if (!t.trainable()) {
                    assertArrayEquals(slice(before, t), slice(params, t), where + ": frozen tensor changed");
                }
                assertClose(expected, slice(params, t), where);
            }
        }

        Map<String, float[]> state = optimizer.state();
        for (Map.Entry<String, Map<String, float[]>> entry : c.state().entrySet()) {
            float[] ours = state.get(entry.getKey());
            assertNotNull(ours, c.name() + ": no state array " + entry.getKey());
            List<ParamLayout.Tensor> tensors = optimizer.layout().tensors();
            for (int i = 0; i < tensors.size(); i++) {
                ParamLayout.Tensor t = tensors.get(i);
                float[] expected = entry.getValue().get(t.name());
                String where = c.name() + " state " + entry.getKey() + " " + t.name();
                if (entry.getKey().equals("step")) {
                    assertEquals(expected[0], ours[i], where);
                } else {
                    assertClose(expected, slice(ours, t), where);
                }
            }
        }
        if (c.state().isEmpty()) {
            assertFalse(state.containsKey(Sgd.MOMENTUM_BUFFER), c.name() + ": plain SGD keeps no buffer");
        }
    }

    private static ParamLayout layout(OptimFixtures.Case c, List<String> trainable) {
        ParamLayout.Builder b = ParamLayout.builder();
        for (OptimFixtures.TensorDecl t : c.tensors()) {
            b.add(t.name(), t.length(), trainable.contains(t.name()), t.lrScale());
        }
        return b.build();
    }

    private static Optimizer optimizer(OptimFixtures.Case c, ParamLayout layout) {
        return switch (c.optimizer()) {
            case "sgd" -> new Sgd(layout, new Sgd.Config(c.hyper("momentum", 0), c.hyper("dampening", 0),
                    c.hyper("weight_decay", 0), c.flag("nesterov")));
            case "adam" -> new Adam(layout, new Adam.Config(c.hyper("beta1", 0.9), c.hyper("beta2", 0.999),
                    c.hyper("eps", 1e-8), c.hyper("weight_decay", 0), false));
            case "adamw" -> new Adam(layout, new Adam.Config(c.hyper("beta1", 0.9), c.hyper("beta2", 0.999),
                    c.hyper("eps", 1e-8), c.hyper("weight_decay", 0.01), true));
            default -> throw new IllegalStateException("unknown optimizer " + c.optimizer());
        };
    }

    private static float[] slice(float[] flat, ParamLayout.Tensor t) {
        float[] out = new float[t.length()];
        System.arraycopy(flat, t.offset(), out, 0, t.length());
        return out;
    }

    /** A few float32 roundings apart: PyTorch's kernels may fuse or order operations differently. */
    private static void assertClose(float[] expected, float[] actual, String where) {
        assertEquals(expected.length, actual.length, where + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tol = 1e-6 + 1e-6 * Math.abs(expected[i]);
            assertEquals(expected[i], actual[i], tol, where + "[" + i + "]");
        }
    }
}
