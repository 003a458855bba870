package cnn.runtime.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Loss values and gradients against torch.nn.functional (tools/reference/runtime_fixtures.py). */
class LossFixtureTest {

    private record Case(String name, String kind, int n, int size, float[] output, int[] labels, float[] target,
                        double loss, float[] grad) {
    }

    @TestFactory
    Stream<DynamicTest> lossesMatchTorch() throws IOException {
        List<Case> cases = load();
        assertEquals(5, cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            float[] grad = new float[c.n() * c.size()];
            double loss = switch (c.kind()) {
                case "cross_entropy" -> new SoftmaxCrossEntropy(c.size()).loss(c.output(), c.labels(), c.n(), grad);
                case "cross_entropy_soft" -> new SoftmaxCrossEntropy(c.size()).loss(c.output(), c.target(), c.n(), grad);
                case "bce_logits" -> new BinaryCrossEntropy(c.size()).loss(c.output(), c.target(), c.n(), grad);
                case "mse" -> new MeanSquaredError(c.size()).loss(c.output(), c.target(), c.n(), grad);
                default -> throw new IllegalStateException(c.kind());
            };
            // torch sums in float32; these are computed in double.
            assertEquals(c.loss(), loss, 1e-6 * Math.max(1, Math.abs(c.loss())), "loss");
            for (int i = 0; i < grad.length; i++) {
                assertEquals(c.grad()[i], grad[i], 1e-7 + 1e-6 * Math.abs(c.grad()[i]), "grad[" + i + "]");
            }
        }));
    }

    private static List<Case> load() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = LossFixtureTest.class.getResourceAsStream("/fixtures/loss.txt")) {
            assertNotNull(in, "fixtures/loss.txt on the test class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            String[] head = null;
            float[] output = null;
            float[] target = null;
            float[] grad = null;
            int[] labels = null;
            double loss = 0;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "case" -> {
                        head = f;
                        labels = null;
                        target = null;
                    }
                    case "output" -> output = floats(f);
                    case "target" -> target = floats(f);
                    case "grad" -> grad = floats(f);
                    case "loss" -> loss = Double.parseDouble(f[1]);
                    case "labels" -> {
                        labels = new int[f.length - 1];
                        for (int i = 0; i < labels.length; i++) {
                            labels[i] = Integer.parseInt(f[i + 1]);
                        }
                    }
                    case "end" -> out.add(new Case(head[1], head[2], Integer.parseInt(head[3]),
                            Integer.parseInt(head[4]), output, labels, target, loss, grad));
                    default -> throw new IllegalStateException("fixtures/loss.txt: unknown record " + f[0]);
                }
            }
        }
        return out;
    }

    private static float[] floats(String[] f) {
        float[] out = new float[f.length - 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.parseFloat(f[i + 1]);
        }
        return out;
    }
}
