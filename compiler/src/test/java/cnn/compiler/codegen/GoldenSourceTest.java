package cnn.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.testing.Ops;
import cnn.compiler.testing.TestNet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The whole generated class of a small LeNet-style model against a reviewed golden copy, so any
 * change to the generated code shows up as a diff. After an intended change, copy
 * {@code target/golden/LeNetSmall.java} over {@code src/test/resources/codegen/LeNetSmall.java.txt}.
 */
class GoldenSourceTest {

    static Network lenet() {
        return TestNet.input("LeNetSmall", 12, 12, 1)
                .add("conv_1", Ops.conv(4, 5, 1, PadSpec.SAME))
                .add("batchnorm_1", new Op.BatchNorm(1e-5, 0.1), Activation.of(Activation.Kind.RELU))
                .add("avgpool_1", Ops.avgpool(2, 2, PadSpec.VALID))
                .add("conv_2", Ops.conv(6, 3, 1, PadSpec.VALID), Activation.of(Activation.Kind.TANH))
                .add("maxpool_1", Ops.maxpool(2, 2, PadSpec.VALID))
                .add("flatten_1", new Op.Flatten())
                .add("dense_1", Ops.dense(10), Activation.of(Activation.Kind.SOFTMAX))
                .build();
    }

    @Test
    void generatedClassEqualsTheGoldenCopy() throws IOException {
        String actual = JavaGenerator.generate(lenet(), "golden").get(0).source();
        Path out = Path.of("target", "golden", "LeNetSmall.java");
        Files.createDirectories(out.getParent());
        Files.writeString(out, actual, StandardCharsets.UTF_8);
        String expected;
        try (InputStream in = GoldenSourceTest.class.getResourceAsStream("/codegen/LeNetSmall.java.txt")) {
            expected = in == null ? "(no golden file)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, actual, "generated source changed; see " + out.toAbsolutePath());
    }
}
