package cnn.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code diagnostics/CODE[-what].cnn} compiles to exactly the text in the {@code .txt}
 * beside it (SPEC §2 rendering, file as given on the command line), and that text reports
 * CODE. Run with {@code -Dgolden.update=true} to rewrite the golden files after a deliberate
 * change, then read the diff.
 */
class GoldenDiagnosticsTest {

    static final Path DIR = Path.of("src/test/resources/diagnostics");

    @TestFactory
    Stream<DynamicTest> everyGoldenFile() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(DIR)) {
            sources = files.filter(p -> p.toString().endsWith(".cnn")).sorted().toList();
        }
        assertTrue(sources.size() > 40, "golden sources found: " + sources.size());
        return sources.stream().map(src -> DynamicTest.dynamicTest(src.getFileName().toString(), () -> check(src)));
    }

    private static void check(Path src) throws IOException {
        Compilation c = Compiler.compile(List.of(src));
        String rendered = c.render();
        String code = src.getFileName().toString().replaceAll("[-.].*", "");
        assertTrue(rendered.contains("[" + code + "]"), src + " should report " + code + ", got:\n" + rendered);
        assertTrue(c.diagnostics().stream().noneMatch(d -> d.code().equals("E0001")), rendered);
        Path golden = Path.of(src.toString().replaceAll("\\.cnn$", ".txt"));
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, rendered, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), rendered, "rendered diagnostics of " + src);
    }
}
