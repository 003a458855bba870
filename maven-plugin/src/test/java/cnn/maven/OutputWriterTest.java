package cnn.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {

    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path root;

    @Test
    void sameTextLeavesTheFileAndItsTimestampAlone() throws Exception {
        Path rel = Path.of("p/q/A.java");
        new OutputWriter(root).write(rel, "class A {}\n");
        Files.setLastModifiedTime(root.resolve(rel), LONG_AGO);

        OutputWriter again = new OutputWriter(root);
        again.write(rel, "class A {}\n");
        assertEquals(0, again.written());
        assertEquals(1, again.unchanged());
        assertEquals(LONG_AGO, Files.getLastModifiedTime(root.resolve(rel)));
    }

    @Test
    void changedTextIsWritten() throws Exception {
        Path rel = Path.of("A.java");
        new OutputWriter(root).write(rel, "class A {}\n");
        Files.setLastModifiedTime(root.resolve(rel), LONG_AGO);

        OutputWriter again = new OutputWriter(root);
        again.write(rel, "class A { int x; }\n");
        assertEquals(1, again.written());
        assertEquals("class A { int x; }\n", Files.readString(root.resolve(rel)));
        assertFalse(LONG_AGO.equals(Files.getLastModifiedTime(root.resolve(rel))));
        try (var files = Files.list(root)) {
            assertEquals(1, files.count(), "no temporary file is left beside it");
        }
    }

    @Test
    void deletesOnlyBelowItsRoot() throws Exception {
        OutputWriter writer = new OutputWriter(root);
        writer.write(Path.of("p/A.java"), "x");
        writer.delete(Path.of("p/A.java"));
        writer.delete(Path.of("p/Gone.java"));
        assertEquals(1, writer.deleted());
        assertFalse(Files.exists(root.resolve("p/A.java")));
        assertThrows(IllegalArgumentException.class, () -> writer.delete(Path.of("../outside.java")));
    }
}
