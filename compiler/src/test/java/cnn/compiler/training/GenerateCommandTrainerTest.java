package cnn.compiler.training;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.cli.Cnnc;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnnc generate} writes {@code MTrainer} beside {@code M} (SPEC §4), and the pair compiles cleanly. */
class GenerateCommandTrainerTest {

    @TempDir
    Path dir;

    @Test
    void generateWritesTheTrainerBesideTheModelButNotForASlide() throws Exception {
        Path src = dir.resolve("det.cnn");
        Files.writeString(src, """
                package demo.det
                model Detector {
                    input 8x8x1
                    conv 4, 3 relu
                    maxpool 2
                    flatten
                    dense 3 softmax
                    train {
                        optimizer adam lr=0.002
                        batch 16
                    }
                }
                model Scanner = slide Detector over 12x12x1
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cnnc.run(new String[] {"generate", src.toString(), "-d", dir.resolve("out").toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, exit, err.toString());
        Path pkg = dir.resolve("out/demo/det");
        assertTrue(Files.exists(pkg.resolve("DetectorTrainer.java")), out.toString());
        assertFalse(Files.exists(pkg.resolve("ScannerTrainer.java")), "a sliding window is inference-only");
        String trainer = Files.readString(pkg.resolve("DetectorTrainer.java"));
        assertTrue(trainer.contains("new TrainConfig(\"cross_entropy\", \"adam\", 0.002"), trainer);
        List<JavaFileObject> sources = new ArrayList<>();
        for (String name : List.of("Detector", "DetectorTrainer", "Scanner")) {
            sources.add(JavaFileObjects.forSourceString("demo.det." + name, Files.readString(pkg.resolve(name + ".java"))));
        }
        Compilation c = javac().withOptions("--release", "17", "-Xlint:all", "-Werror").compile(sources);
        assertThat(c).succeededWithoutWarnings();
    }
}
