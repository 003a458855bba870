package cnn.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/errors.md documents every code the compiler can report, each code has a golden test,
 * and the doc shows each golden diagnostic as the compiler renders it.
 */
class ErrorsDocTest {

    private static final Path DOC = Path.of("../docs/errors.md");
    private static final Pattern CODE = Pattern.compile("\"([EW]0\\d{3})\"");

    /** Tested elsewhere: E0001 cannot be caused on purpose, E0110 needs a 1 MiB file (SyntaxParserTest). */
    private static final Set<String> NO_GOLDEN = Set.of("E0001", "E0110");

    @Test
    void everyCodeInTheSourcesIsDocumentedAndHasAGoldenTest() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = CODE.matcher(Files.readString(p));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^### ([EW]0\\d{3}):").matcher(Files.readString(DOC));
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertEquals(used, documented, "codes in the sources vs. headings of docs/errors.md");
        for (String code : documented) {
            if (!NO_GOLDEN.contains(code)) {
                assertTrue(Files.exists(GoldenDiagnosticsTest.DIR.resolve(code + ".cnn")), "no golden test for " + code);
            }
        }
    }

    @Test
    void theDocShowsEachGoldenDiagnostic() throws IOException {
        String doc = Files.readString(DOC);
        Matcher m = Pattern.compile("(?m)^### ([EW]0\\d{3}):").matcher(doc);
        while (m.find()) {
            String code = m.group(1);
            if (NO_GOLDEN.contains(code)) {
                continue;
            }
            String golden = Files.readString(GoldenDiagnosticsTest.DIR.resolve(code + ".txt"))
                    .replace("src/test/resources/diagnostics/", "").strip();
            assertTrue(doc.contains(golden), "docs/errors.md should show:\n" + golden);
        }
    }
}
