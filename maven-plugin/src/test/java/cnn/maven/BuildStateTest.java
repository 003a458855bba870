package cnn.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStateTest {

    @TempDir
    Path dir;

    private BuildState sample() {
        Path model = dir.resolve("models dir/a model.cnn");
        Path lib = dir.resolve("lib/blocks.cnn");
        return new BuildState("f1", dir.resolve("out"), Map.of(model, new BuildState.Entry(
                Map.of(model, "aa11", lib, ContentHash.MISSING),
                List.of(Path.of("p/A.java"), Path.of("p/ATrainer.java")))));
    }

    @Test
    void whatIsSavedLoadsBackUnderTheSameFingerprint() throws Exception {
        Path file = dir.resolve("state/default.state");
        sample().save(file);
        BuildState loaded = BuildState.load(file);
        assertEquals(sample().entries(), loaded.entries());
        assertEquals("f1", loaded.fingerprint());
        assertEquals(dir.resolve("out"), loaded.outputRoot());
    }

    @Test
    void aMissingOrDamagedFileStartsFromNothing() throws Exception {
        assertTrue(BuildState.load(dir.resolve("absent.state")).entries().isEmpty());
        Path file = dir.resolve("s.state");
        sample().save(file);
        Files.writeString(file, Files.readString(file).replace("input aa11", "garbage"));
        assertTrue(BuildState.load(file).entries().isEmpty());
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertTrue(BuildState.load(file).entries().isEmpty());
    }
}
