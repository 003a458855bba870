package cnn.compiler.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.graph.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports are relative to the importing file; missing files and cycles are errors naming the path. */
class ImportTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void importedBlocksConstantsAndModelsAreVisible() throws IOException {
        write("lib/blocks.cnn", """
                package zoo.lib
                import "widths.cnn"
                block unit(f = WIDTH) { conv f, 3 pad=same relu }
                model Base {
                    input 8x8x1
                    unit()
                }
                """);
        write("lib/widths.cnn", "const WIDTH = 12\n");
        Path main = write("nets/main.cnn", """
                package zoo
                import "../lib/blocks.cnn"
                model Net {
                    input 8x8x1
                    use Base
                    unit(4)
                }
                """);
        // lib/ is beside nets/, not in it: the common folder is named as the source root
        Compilation c = Compiler.compile(List.of(main), SourceRoots.of(List.of(dir)));
        assertFalse(c.hasErrors(), c.render());
        assertEquals(1, c.networks().size(), "only the named file's models are its networks");
        Network n = c.networks().get(0);
        assertEquals("zoo", n.packageName());
        assertEquals(List.of("unit_1.conv_1", "unit_2.conv_1"), Compile.names(n));
        assertEquals(12 * 9 + 12, n.node("unit_1.conv_1").params());
        assertTrue(c.sources().texts().containsKey(main.toString()));
        assertTrue(c.sources().texts().containsKey(dir.resolve("lib/blocks.cnn").toString()));
    }

    @Test
    void aCycleIsReportedWithItsPathAtTheImportThatClosesIt() throws IOException {
        write("a.cnn", "import \"b.cnn\"\nblock x() { relu }\n");
        write("b.cnn", "import \"c.cnn\"\n");
        write("c.cnn", "import \"a.cnn\"\n");
        Compilation c = Compiler.compile(List.of(dir.resolve("a.cnn")));
        assertEquals(1, c.diagnostics().size(), c.render());
        var d = c.diagnostics().get(0);
        assertEquals("E0211", d.code());
        assertEquals(dir.resolve("c.cnn").toString(), d.span().file());
        assertEquals("import cycle: " + dir.resolve("a.cnn") + " → " + dir.resolve("b.cnn") + " → "
                + dir.resolve("c.cnn") + " → " + dir.resolve("a.cnn"), d.message());
    }

    @Test
    void aMissingImportNamesThePathItTried() throws IOException {
        Path main = write("m.cnn", "import \"sub/none.cnn\"\nmodel M {\n    input 8x8x1\n}\n");
        Compilation c = Compiler.compile(List.of(main));
        assertEquals(List.of("E0210"), Compile.codes(c));
        assertTrue(c.diagnostics().get(0).message().contains(dir.resolve("sub/none.cnn").toString()),
                c.diagnostics().get(0).message());
        assertEquals(1, c.diagnostics().get(0).span().line());
    }

    @Test
    void twoImportsDefiningOneNameConflict() throws IOException {
        write("x.cnn", "const K = 1\n");
        write("y.cnn", "const K = 2\n");
        Path main = write("m.cnn", "import \"x.cnn\"\nimport \"y.cnn\"\nmodel M {\n    input 8x8x1\n}\n");
        Compilation c = Compiler.compile(List.of(main));
        assertEquals(List.of("E0203"), Compile.codes(c));
        assertEquals(2, c.diagnostics().get(0).span().line());
    }

    @Test
    void errorsOfSeveralFilesAreAllReportedSortedByFileLineAndColumn() throws IOException {
        Path b = write("b.cnn", "model B {\n    input 8x8x1\n    conv 8, 9\n    relu\n    cnv 1, 1\n}\n");
        Path a = write("a.cnn", "model A {\n    input 8x8x1\n    dense 4\n}\nmodel A2 {\n    input 4x4x1\n    foo\n}\n");
        Compilation c = Compiler.compile(List.of(b, a));
        assertEquals(List.of("E0303", "E0201", "E0301", "E0201"), Compile.codes(c), c.render());
        assertEquals(List.of(a.toString(), a.toString(), b.toString(), b.toString()),
                c.diagnostics().stream().map(d -> d.span().file()).toList());
    }

    @Test
    void importsStayInTheFoldersOfTheFilesGivenUnlessAllowed() throws IOException {
        write("lib/widths.cnn", "const WIDTH = 12\n");
        Path main = write("nets/main.cnn", "import \"../lib/widths.cnn\"\nmodel M {\n    input 8x8x1\n"
                + "    conv WIDTH, 1\n}\n");
        Compilation refused = Compiler.compile(List.of(main));
        assertEquals(List.of("E0219"), Compile.codes(refused), refused.render());
        var d = refused.diagnostics().get(0);
        assertEquals(main.toString() + ":1", d.span().file() + ":" + d.span().line());
        assertEquals("import \"../lib/widths.cnn\" leads outside the source folder " + dir.resolve("nets") + ": "
                + dir.resolve("lib/widths.cnn"), d.message());
        assertFalse(refused.sources().texts().containsKey(dir.resolve("lib/widths.cnn").toString()),
                "a file outside the roots is not even read");

        Compilation allowed = Compiler.compile(List.of(main), SourceRoots.anywhere());
        assertFalse(allowed.hasErrors(), allowed.render());
        // a second file given on the command line makes its folder a root too
        Path other = write("lib/other.cnn", "const X = 1\n");
        Compilation both = Compiler.compile(List.of(main, other));
        assertFalse(both.hasErrors(), both.render());
    }

    @Test
    void absolutePathsAndParentFoldersCannotLeaveTheRoot() throws IOException {
        Path main = write("m/main.cnn", "import \"/etc/hostname\"\nimport \"sub/../../x.cnn\"\n"
                + "import \"sub/../ok.cnn\"\nmodel M {\n    input 8x8x1\n}\n");
        write("m/ok.cnn", "const OK = 1\n");
        Compilation c = Compiler.compile(List.of(main));
        assertEquals(List.of("E0219 1", "E0219 2"), c.diagnostics().stream()
                .map(x -> x.code() + " " + x.span().line()).toList(), c.render());
    }

    @Test
    void aLinkInsideTheRootThatLeadsOutIsRefused() throws IOException {
        Path outside = write("secret/s.cnn", "const S = 1\n");
        Path main = write("m/main.cnn", "import \"link.cnn\"\nmodel M {\n    input 8x8x1\n}\n");
        try {
            Files.createSymbolicLink(dir.resolve("m/link.cnn"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            throw new AssertionError("symbolic links are needed for this test: " + e);
        }
        Compilation c = Compiler.compile(List.of(main));
        assertEquals(List.of("E0219"), Compile.codes(c), c.render());
        // a link that stays inside is fine
        Files.createSymbolicLink(dir.resolve("m/inside.cnn"), write("m/real.cnn", "const R = 1\n"));
        Files.writeString(main, "import \"inside.cnn\"\nmodel M {\n    input 8x8x1\n}\n");
        assertFalse(Compiler.compile(List.of(main)).hasErrors());
    }

    @Test
    void aMissingRootFileIsAnErrorNotAnException() {
        Compilation c = Compiler.compile(List.of(dir.resolve("nothing.cnn")));
        assertEquals(List.of("E0210"), Compile.codes(c));
        assertTrue(c.render().startsWith(dir.resolve("nothing.cnn") + ": error[E0210]: cannot read"), c.render());
    }
}
