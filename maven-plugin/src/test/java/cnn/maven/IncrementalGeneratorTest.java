package cnn.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incremental build with the real compiler and code generator, on models written here. */
class IncrementalGeneratorTest {

    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path project;

    private Path models() {
        return project.resolve("src/main/cnn");
    }

    private Path out() {
        return project.resolve("target/generated-sources/cnn");
    }

    private IncrementalGenerator.Request request(String packageName, boolean failOnWarning) {
        return new IncrementalGenerator.Request(models(), out(), project.resolve("target/state"), packageName,
                failOnWarning, "test");
    }

    private IncrementalGenerator.Outcome run() throws IOException {
        return run(request("", false));
    }

    private static IncrementalGenerator.Outcome run(IncrementalGenerator.Request request) throws IOException {
        return run(request, false);
    }

    private static IncrementalGenerator.Outcome run(IncrementalGenerator.Request request, boolean allowOutsideImports)
            throws IOException {
        return new IncrementalGenerator(new CompilerToolchain(request.sourceDirectory(), allowOutsideImports))
                .run(request);
    }

    private void model(String file, String text) throws IOException {
        Path p = models().resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static String dense(String pkg, String name, int units) {
        return (pkg.isEmpty() ? "" : "package " + pkg + "\n\n") + "model " + name + " {\n    input 4x4x1\n"
                + "    flatten\n    dense " + units + " softmax\n}\n";
    }

    /** Every generated file, relative to the output folder, with its timestamp. */
    private Map<String, FileTime> generated() throws IOException {
        Map<String, FileTime> files = new TreeMap<>();
        if (!Files.isDirectory(out())) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(out())) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(out().relativize(p).toString().replace('\\', '/'), Files.getLastModifiedTime(p));
            }
        }
        return files;
    }

    private void ageAll() throws IOException {
        for (String f : generated().keySet()) {
            Files.setLastModifiedTime(out().resolve(f), LONG_AGO);
        }
    }

    @Test
    void aSecondBuildWithNothingChangedCompilesAndWritesNothing() throws Exception {
        model("a.cnn", dense("p", "A", 3));
        model("b.cnn", dense("p", "B", 2));
        IncrementalGenerator.Outcome first = run();
        assertEquals(2, first.compiled());
        assertEquals(2, first.models());
        assertTrue(generated().containsKey("p/A.java") && generated().containsKey("p/B.java"), generated().toString());
        assertEquals(generated().size(), first.written());
        ageAll();

        IncrementalGenerator.Outcome second = run();
        assertEquals(0, second.compiled());
        assertEquals(2, second.upToDate());
        assertEquals(0, second.written());
        assertTrue(generated().values().stream().allMatch(LONG_AGO::equals));
    }

    @Test
    void editingAModelRewritesOnlyItsFiles() throws Exception {
        model("a.cnn", dense("p", "A", 3));
        model("b.cnn", dense("p", "B", 2));
        run();
        ageAll();
        model("a.cnn", dense("p", "A", 4));

        IncrementalGenerator.Outcome outcome = run();
        assertEquals(1, outcome.compiled());
        Map<String, FileTime> files = generated();
        assertFalse(LONG_AGO.equals(files.get("p/A.java")));
        files.forEach((name, time) -> {
            if (name.startsWith("p/B")) {
                assertEquals(LONG_AGO, time, name + " was rewritten");
            }
        });
    }

    @Test
    void touchingAFileWithoutChangingItIsNotAChange() throws Exception {
        model("a.cnn", dense("p", "A", 3));
        run();
        Files.setLastModifiedTime(models().resolve("a.cnn"), FileTime.from(Instant.now().plusSeconds(60)));
        assertEquals(0, run().compiled());
    }

    @Test
    void editingAnImportedFileRecompilesItsImporters() throws Exception {
        model("lib/blocks.cnn", "block stage(f) {\n    conv f, 3 pad=same relu\n}\n");
        model("net.cnn", "package p\n\nimport \"lib/blocks.cnn\"\n\nmodel Net {\n    input 4x4x1\n    stage(2)\n"
                + "    flatten\n    dense 2\n}\n");
        model("other.cnn", dense("p", "Other", 2));
        IncrementalGenerator.Outcome first = run();
        assertEquals(3, first.compiled());
        assertEquals(2, first.models());
        String before = Files.readString(out().resolve("p/Net.java"));

        model("lib/blocks.cnn", "block stage(f) {\n    conv f, 3 pad=same relu\n    conv f, 1 relu\n}\n");
        IncrementalGenerator.Outcome second = run();
        assertEquals(2, second.compiled(), "blocks.cnn and net.cnn, not other.cnn");
        assertFalse(before.equals(Files.readString(out().resolve("p/Net.java"))));
    }

    @Test
    void errorsWriteNothingAndAreReportedAgainNextTime() throws Exception {
        model("ok.cnn", dense("p", "Ok", 2));
        model("bad.cnn", "package p\n\nmodel Bad {\n    input 28x28x1\n    conv 8, 5\n    dense 10\n}\n");
        IncrementalGenerator.Outcome first = run();
        assertTrue(first.errors() > 0);
        assertTrue(first.diagnostics().stream().anyMatch(d -> d.isError() && d.span().line() == 6),
                first.diagnostics().toString());
        assertTrue(first.rendered().contains("bad.cnn:6:"), first.rendered());
        assertEquals(Map.of(), generated());

        IncrementalGenerator.Outcome second = run();
        assertEquals(first.diagnostics(), second.diagnostics());
    }

    @Test
    void importsStayInTheSourceDirectoryUnlessAllowed() throws Exception {
        Files.writeString(project.resolve("shared.cnn"), "const UNITS = 3\n");
        model("net.cnn", "package p\nimport \"../../../shared.cnn\"\nmodel Net {\n    input 4x4x1\n    flatten\n"
                + "    dense UNITS\n}\n");
        IncrementalGenerator.Outcome refused = run();
        assertEquals(List.of("E0219"), refused.diagnostics().stream().map(d -> d.code()).toList(), refused.rendered());
        assertEquals(2, refused.diagnostics().get(0).span().line());
        assertTrue(refused.rendered().contains("leads outside the source folder " + models().toAbsolutePath()
                .normalize()), refused.rendered());
        assertEquals(Map.of(), generated());

        IncrementalGenerator.Outcome allowed = run(request("", false), true);
        assertEquals(0, allowed.errors(), allowed.rendered());
        assertTrue(generated().containsKey("p/Net.java"), generated().toString());
    }

    @Test
    void modelsWhoseClassesDifferOnlyInCaseStopTheBuildBeforeAnyWrite() throws Exception {
        model("a.cnn", dense("p", "Net", 2));
        model("b.cnn", dense("p", "NET", 2));
        IncrementalGenerator.Outcome outcome = run();
        assertEquals(List.of("p.NET and p.Net differ only in case: on macOS and Windows one file would replace the "
                + "other; rename one of the models"), outcome.problems());
        assertEquals(Map.of(), generated());
    }

    @Test
    void diagnosticsNameTheAbsolutePathOfTheFile() throws Exception {
        model("bad.cnn", "model Bad {\n    input 28x28x1\n    dense 10\n}\n");
        IncrementalGenerator.Outcome outcome = run();
        Path bad = models().resolve("bad.cnn").toAbsolutePath().normalize();
        assertTrue(outcome.diagnostics().stream().allMatch(d -> Path.of(d.span().file()).equals(bad)),
                outcome.diagnostics().toString());
        assertTrue(IdeFormat.line(outcome.diagnostics().get(0)).startsWith(bad + ":[3,5] "),
                IdeFormat.line(outcome.diagnostics().get(0)));
    }

    @Test
    void aRemovedModelTakesItsGeneratedFilesWithIt() throws Exception {
        model("a.cnn", dense("p", "A", 3));
        model("b.cnn", dense("p", "B", 2));
        run();
        long filesOfB = generated().keySet().stream().filter(f -> f.startsWith("p/B")).count();
        Files.delete(models().resolve("b.cnn"));

        IncrementalGenerator.Outcome outcome = run();
        assertEquals(filesOfB, outcome.deleted());
        assertTrue(generated().keySet().stream().noneMatch(f -> f.startsWith("p/B")));
        assertTrue(generated().containsKey("p/A.java"));
    }

    @Test
    void aGeneratedFileDeletedByHandIsMadeAgain() throws Exception {
        model("a.cnn", dense("p", "A", 3));
        run();
        Files.delete(out().resolve("p/A.java"));
        IncrementalGenerator.Outcome outcome = run();
        assertEquals(1, outcome.compiled());
        assertEquals(1, outcome.written());
        assertTrue(Files.isRegularFile(out().resolve("p/A.java")));
    }

    @Test
    void twoFilesMakingTheSameClassStopTheBuildBeforeAnyWrite() throws Exception {
        model("one.cnn", dense("p", "Same", 3));
        model("two.cnn", dense("p", "Same", 2));
        IncrementalGenerator.Outcome outcome = run();
        assertEquals(1, outcome.problems().size(), outcome.problems().toString());
        assertTrue(outcome.problems().get(0).startsWith("p.Same would be generated from both"));
        assertEquals(Map.of(), generated());
    }

    @Test
    void aPackageLineWinsOverPackageNameWhichServesTheRest() throws Exception {
        model("a.cnn", dense("own.pkg", "A", 3));
        model("b.cnn", dense("", "B", 2));
        IncrementalGenerator.Outcome outcome = run(request("given.pkg", false));
        assertEquals(List.of(), outcome.notes());
        assertTrue(generated().containsKey("own/pkg/A.java"), generated().toString());
        assertTrue(generated().containsKey("given/pkg/B.java"), generated().toString());
        assertTrue(Files.readString(out().resolve("given/pkg/B.java")).contains("package given.pkg;"));
    }

    @Test
    void changingPackageNameMovesTheFilesAndRemovesTheOldOnes() throws Exception {
        model("b.cnn", dense("", "B", 2));
        run(request("first.pkg", false));
        assertTrue(generated().containsKey("first/pkg/B.java"));

        IncrementalGenerator.Outcome outcome = run(request("second.pkg", false));
        assertEquals(1, outcome.compiled(), "another configuration: nothing is up to date");
        assertTrue(generated().containsKey("second/pkg/B.java"));
        assertTrue(generated().keySet().stream().noneMatch(f -> f.startsWith("first/")), generated().toString());
    }

    @Test
    void withoutAnyPackageTheUserIsTold() throws Exception {
        model("b.cnn", dense("", "B", 2));
        IncrementalGenerator.Outcome outcome = run();
        assertEquals(1, outcome.notes().size());
        assertTrue(outcome.notes().get(0).contains("unnamed package"));
        assertTrue(generated().containsKey("B.java"));
    }

    @Test
    void failOnWarningKeepsAWarnedModelFromBeingGenerated() throws Exception {
        // 9 - 2 = 7 rows reachable by a 2x2 window with stride 2: the last row and column are never read.
        String warned = "package p\n\nmodel W {\n    input 9x9x1\n    maxpool 2\n    flatten\n    dense 2\n}\n";
        model("w.cnn", warned);
        IncrementalGenerator.Outcome strict = run(request("", true));
        assertTrue(strict.warnings() > 0, strict.diagnostics().toString());
        assertEquals(0, strict.errors());
        assertEquals(Map.of(), generated());

        IncrementalGenerator.Outcome lenient = run(request("", false));
        assertTrue(lenient.warnings() > 0);
        assertTrue(generated().containsKey("p/W.java"));
    }
}
