package cnn.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.runtime.io.FloatArray;
import cnn.runtime.io.IntArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.Npz;
import cnn.runtime.io.NpzReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash-safe training (issue 9): the real {@code cnnc train} in a child JVM is killed with
 * SIGKILL at random moments, many times, while it writes checkpoints several times a second
 * (a 3 MB checkpoint after every epoch of six steps); every other kill comes just after a write
 * has begun. After every kill the checkpoint on disk
 * loads, never goes back in time, and the next child resumes from it; some kills land in the
 * middle of a write (the temporary file the write left behind shows it), so the previous
 * checkpoint surviving a torn write is seen, not assumed.
 */
class CheckpointCrashTest {

    /** Wide enough that writing and syncing a checkpoint takes a good part of each epoch. */
    private static final String MODEL = """
            model Wide {
                input 16x16x1
                flatten
                dense 1024 relu
                dense 3 softmax
                train {
                    optimizer adam lr=1e-3
                    batch 16
                    epochs 100000
                    seed 3
                }
            }
            """;

    private static final int MAX_KILLS = 24;
    private static final int TORN_WRITES_WANTED = 3;

    @TempDir
    Path dir;

    @Test
    void killedAtRandomMomentsTheLastGoodCheckpointAlwaysLoadsAndTrainingResumes() throws Exception {
        Path model = dir.resolve("wide.cnn");
        Files.writeString(model, MODEL);
        Path data = writeData(dir.resolve("data.npz"));
        Path run = dir.resolve("run");
        Path checkpoint = run.resolve("checkpoint.npz");
        Random random = new Random(11);
        int kills = 0;
        int torn = 0;
        int lastEpoch = -1;
        List<String> log = new ArrayList<>();
        while (kills < MAX_KILLS && torn < TORN_WRITES_WANTED) {
            List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString(), "-cp", System.getProperty("java.class.path"), Cnnc.class.getName(), "train",
                    model.toString(), "--data", data.toString(), "--out", run.toString(), "--progress", "lines"));
            if (Files.exists(checkpoint)) {
                args.addAll(List.of("--weights", checkpoint.toString()));
            }
            Set<Path> tempsBefore = temporaryFiles(run);
            Process child = new ProcessBuilder(args).redirectErrorStream(true).start();
            try {
                BlockingQueue<String> lines = lines(child);
                // wait until this child has written a checkpoint of its own, then kill it at a random moment
                String line;
                do {
                    line = lines.poll(120, TimeUnit.SECONDS);
                    if (line != null) {
                        log.add(line);
                    }
                } while (line != null && !line.startsWith("checkpoint ") && !line.equals("<end>"));
                assertTrue(line != null && line.startsWith("checkpoint "), "no checkpoint:\n" + String.join("\n", log));
                if (kills % 2 == 0) {
                    Thread.sleep(random.nextInt(400));
                } else {
                    // every other kill waits for the next write to begin: random moments alone landed
                    // inside a write too rarely to be sure of seeing one in a bounded number of kills
                    awaitNewTemporaryFile(run, temporaryFiles(run), random.nextInt(3));
                }
            } finally {
                child.destroyForcibly();   // SIGKILL: no shutdown hook, no finally block runs in the child
                child.waitFor(60, TimeUnit.SECONDS);
            }
            kills++;
            Set<Path> temps = temporaryFiles(run);
            // each child removes the leftovers of the kills before it when it starts
            assertTrue(temps.size() <= 1, "temporary files pile up: " + temps);
            temps.removeAll(tempsBefore);
            if (!temps.isEmpty()) {
                torn++;   // killed between creating the temporary file and renaming it
            }
            int epoch = epochOf(checkpoint);
            assertTrue(epoch >= lastEpoch && epoch >= 1, "after kill " + kills + " the checkpoint is at epoch " + epoch
                    + ", before it was at " + lastEpoch);
            lastEpoch = epoch;
        }
        assertTrue(torn >= 1, "none of " + kills + " kills landed inside a checkpoint write");

        // the last good checkpoint resumes: one more epoch, in this JVM, from where the kills left it
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cnnc.run(new String[] {"train", model.toString(), "--data", data.toString(), "--out", run.toString(),
            "--weights", checkpoint.toString(), "--epochs", Integer.toString(lastEpoch + 1), "--progress", "none"},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("resuming from " + checkpoint + ": epoch " + (lastEpoch + 1)), out.toString());
        assertEquals(lastEpoch + 1, epochOf(checkpoint));
        assertTrue(Files.exists(run.resolve("Wide.npz")), "the resumed run wrote its final weights");
        assertEquals(Set.of(), temporaryFiles(run), "the resumed run removed the killed writes' temporary files");
        System.out.println("CheckpointCrashTest: " + kills + " kills, " + torn + " inside a checkpoint write, "
                + "resumed at epoch " + (lastEpoch + 1));
    }

    @Test
    void aLossThatTurnsInfiniteStopsTrainingWithAClearMessage() throws IOException {
        Path model = dir.resolve("wide.cnn");
        Files.writeString(model, MODEL);
        Path data = writeData(dir.resolve("data.npz"));
        Path run = dir.resolve("nan");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the generated trainer itself, with a learning rate that throws the weights to infinity
        int code = Cnnc.run(new String[] {"train", model.toString(), "--data", data.toString(), "--out", run.toString(),
            "--lr", "1e30", "--epochs", "5", "--progress", "none"}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(1, code, out + "\n" + err);
        String message = err.toString().strip();
        assertTrue(message.startsWith("cnnc train: training stopped: the ") && message.contains("loss")
                && (message.contains("NaN") || message.contains("Infinity")) && message.contains("learning rate"),
                message);
        assertFalse(message.contains("\n"), "one line: " + message);
        assertFalse(Files.exists(run.resolve("Wide.npz")), "no final weights from a run that blew up");
    }

    /** 96 random 16x16 images in three classes. */
    private static Path writeData(Path file) throws IOException {
        Random r = new Random(1);
        int n = 96;
        float[] x = new float[n * 16 * 16];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int k = 0; k < 256; k++) {
                x[i * 256 + k] = r.nextFloat() + (k % 3 == y[i] ? 0.5f : 0f);
            }
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("x", new FloatArray(new int[] {n, 16, 16, 1}, x));
        arrays.put("y", new IntArray(new int[] {n}, y));
        Npz.write(file, arrays);
        return file;
    }

    /** The child's output, line by line, then "<end>". */
    private static BlockingQueue<String> lines(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the child was killed
            }
            lines.add("<end>");
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** Returns once a checkpoint write has created a temporary file not in {@code before}, then waits {@code ms}. */
    private static void awaitNewTemporaryFile(Path run, Set<Path> before, int ms) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Set<Path> now = temporaryFiles(run);
            now.removeAll(before);
            if (!now.isEmpty()) {
                Thread.sleep(ms);
                return;
            }
            Thread.onSpinWait();
        }
    }

    private static Set<Path> temporaryFiles(Path run) throws IOException {
        if (!Files.isDirectory(run)) {
            return new HashSet<>();
        }
        try (Stream<Path> files = Files.list(run)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".checkpoint.npz."))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }

    /** The checkpoint's epoch, after reading every array of it (each entry's CRC checked). */
    private static int epochOf(Path checkpoint) throws IOException {
        Map<String, NdArray> all = Npz.read(checkpoint);
        assertTrue(all.containsKey("dense_1.weight") && all.containsKey("dense_2.bias"), all.keySet().toString());
        try (NpzReader npz = NpzReader.open(checkpoint)) {
            return ((IntArray) npz.read("train:epoch")).data()[0];
        }
    }
}
