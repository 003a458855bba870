package cnn.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceScannerTest {

    @TempDir
    Path root;

    @Test
    void findsModelFilesAtAnyDepthInPathOrder() throws Exception {
        for (String name : List.of("b.cnn", "a/z.cnn", "a/notes.txt", "a/b/c.cnn", "x.cnn.bak")) {
            Path p = root.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "");
        }
        Files.createDirectories(root.resolve("dir.cnn"));
        assertEquals(List.of(root.resolve("a/b/c.cnn"), root.resolve("a/z.cnn"), root.resolve("b.cnn")),
                SourceScanner.scan(root));
    }

    @Test
    void aMissingFolderHasNoModels() throws Exception {
        assertEquals(List.of(), SourceScanner.scan(root.resolve("absent")));
    }
}
