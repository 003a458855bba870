package cnn.compiler.cli.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Where a run writes: {@code --out DIR}, or {@code runs/<model>-<yyyyMMdd-HHmmss>} made fresh. */
public record RunDirectory(Path dir) {

    public static final String CHECKPOINT = "checkpoint.npz";
    public static final String REPORT = "report.json";
    public static final String PLOT = "training.png";

    /** @throws IOException when the directory cannot be made (or is a file) */
    public static RunDirectory create(Path out, String model, LocalDateTime now) throws IOException {
        Path dir = out;
        if (dir == null) {
            String stamp = now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            dir = Path.of("runs", model + "-" + stamp);
            for (int i = 2; Files.exists(dir); i++) {
                dir = Path.of("runs", model + "-" + stamp + "-" + i);
            }
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("--out " + dir + " is a file, not a directory");
        }
        Files.createDirectories(dir);
        return new RunDirectory(dir);
    }

    /** The final weights, named after the model like the weights files of {@code cnnc init}. */
    public Path weights(String model) {
        return dir.resolve(model + ".npz");
    }

    public Path checkpoint() {
        return dir.resolve(CHECKPOINT);
    }

    public Path report() {
        return dir.resolve(REPORT);
    }

    public Path plot() {
        return dir.resolve(PLOT);
    }
}
