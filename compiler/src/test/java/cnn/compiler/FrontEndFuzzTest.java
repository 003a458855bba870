package cnn.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.diag.Diagnostic;
import cnn.compiler.fuzz.FrontEndOracle;
import cnn.compiler.fuzz.FuzzCorpus;
import cnn.compiler.fuzz.Mutator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No input makes the front end throw (DESIGN: fuzzing of the front end; issue 9): grammar-aware
 * mutants of every example model, token soup and random bytes must compile to diagnostics with
 * positions, in bounded time and memory, never to an exception, an internal error or a
 * StackOverflowError ({@link FrontEndOracle} says exactly what is checked).
 *
 * <p>CI runs about 6,000 inputs in well under a minute with fixed seeds. A longer run explores
 * more: {@code -Pfuzz} (twenty times as many inputs, a new seed each run, printed; the command
 * is in the README), or {@code -Dcnn.fuzz.scale=N -Dcnn.fuzz.seed=S} to choose. A failing
 * input is written to {@code compiler/target/fuzz-failures/}; copy it to
 * {@code src/test/resources/fuzz/regressions/} so that every later run replays it first.
 */
class FrontEndFuzzTest {

    /** Multiplies every input count; 1 in CI. */
    private static final int SCALE = Integer.getInteger("cnn.fuzz.scale", 1);
    /** Seeds the random generators; fixed unless a run asks for another ("random": a new one, printed). */
    private static final long SEED = seed(System.getProperty("cnn.fuzz.seed", "20261125"));
    /** Failures reported at most, so that one bug does not bury the report. */
    private static final int MAX_REPORTED = 10;

    @TempDir
    Path dir;

    private static final List<String> SEEDS = List.of("""
            package demo
            const W = 16
            block basic(f, s = 1) {
                residual {
                    conv f, 3 stride=s pad=same bias=false
                    batchnorm relu
                    conv f, 3 pad=same
                } shortcut if s != 1 or in.c != f {
                    conv f, 1 stride=s
                } relu
            }
            model Net {
                input 32x32x3
                conv W, 3 pad=same relu     // stem
                b = basic(32, s=2) : 16x16x32
                repeat 2 { basic(32) }
                for i in 1..2 { sepconv 8 * i, 3 pad=same }
                concat { branch { conv 8, 1 } branch { maxpool 3 stride=1 pad=same } }
                x = conv 4, 1
                from b
                y = conv 4, 1
                add(x, y) leaky(0.1)
                if W > 8 { dropout 0.1 } else { relu }
                globalavgpool
                dense 10 softmax
                train {
                    optimizer adam lr=1e-3 betas=(0.9, 0.999)
                    schedule step(every=2, gamma=0.5)
                    augment flip(horizontal) crop(4)
                }
            }
            model Detector {
                input 14x14x3
                conv 16, 5 relu
                maxpool 2
                flatten
                dense 40 relu
                dense 4 softmax
            }
            model Scanner = slide Detector over 28x28x3
            model Transfer {
                input 32x32x3
                use Net until b frozen
                globalavgpool
                dense 2 softmax
            }
            """, """
            model Yolo {
                input 100x100x3
                conv 16, 3 stride=2 pad=same leaky
                maxpool 2
                conv (in.c // 2), (3, 3) pad=(1, 1, 1, 1) dilation=1 groups=1
                conv 16, 1
                yolo classes=3 anchors=[(10, 13), (30, 60)]
            }
            model Edges {
                input 6x6x1
                frozen { conv 1, 3 weights=[[1, 0, -1], [1, 0, -1], [1, 0, -1]] }
                zeropad (1, 1, 2, 2)
                upsample 2
                flatten
                dense 9
                localize classes=4
            }
            """);

    private static final List<String> TOKENS = List.of("(", ")", "[", "]", "{", "}", ",", ";", "\n", "=", ":",
            "//", "/*", "*/", "\"", "x", "0", "-1", "1e999", "99999999999999999999", "in.c", "input", "model",
            "block", "residual", "shortcut", "branch", "use", "until", "frozen", "repeat 1000", "for i in 1..9",
            "if", "else", "from", "output", "train", "conv", "dense", "relu", "softmax", "sepconv", "?", "..",
            "basic(8)", "Net", "×", "\t", "\u0000", "2x", "x2", "not", "and", "or", "true", "/", "%");

    @Test
    void everyInputThatOnceFailedIsHandledNow() {
        List<Path> files = FuzzCorpus.regressions();
        assertTrue(files.size() >= 10, "regression inputs: " + files.size());
        Pattern expect = Pattern.compile("^// expect: ([EW]0\\d{3}(?:, [EW]0\\d{3})*)");
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            String text = read(f);
            List<String> problems = FrontEndOracle.check("fuzz.cnn", text, true);
            if (!problems.isEmpty()) {
                failures.add(f.getFileName() + ": " + problems);
                continue;
            }
            // a regression input may say what it must be answered with, on its first line
            Matcher m = expect.matcher(text);
            if (m.find()) {
                List<String> codes = Compiler.compileSource("fuzz.cnn", text).diagnostics().stream()
                        .map(Diagnostic::code).distinct().sorted().toList();
                List<String> wanted = Arrays.stream(m.group(1).split(", ")).sorted().toList();
                if (!codes.containsAll(wanted)) {
                    failures.add(f.getFileName() + ": expected " + wanted + ", got " + codes);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void mutantsOfTheExampleModelsAreHandled() {
        List<String> seeds = new ArrayList<>(SEEDS);
        seeds.addAll(FuzzCorpus.seeds());
        assertTrue(seeds.size() > 100, "seeds: " + seeds.size());
        Mutator mutator = new Mutator(seeds, new Random(SEED));
        run("grammar-aware mutants", 4000 * SCALE, i -> mutator.next());
    }

    @Test
    void mutatedSourcesNeverThrow() {
        Random random = new Random(SEED + 1);
        run("character edits", 800 * SCALE, i -> mutate(SEEDS.get(random.nextInt(SEEDS.size())), random));
    }

    @Test
    void tokenSoupNeverThrows() {
        Random random = new Random(SEED + 2);
        run("token soup", 500 * SCALE, i -> {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(60);
            for (int j = 0; j < n; j++) {
                sb.append(TOKENS.get(random.nextInt(TOKENS.size()))).append(random.nextBoolean() ? " " : "");
            }
            return sb.toString();
        });
    }

    @Test
    void randomBytesAreHandled() throws IOException {
        Random random = new Random(SEED + 3);
        run("random text", 500 * SCALE, i -> new String(bytes(random), StandardCharsets.UTF_8));
        // and as files, which go through the loader's UTF-8 check
        List<String> failures = new ArrayList<>();
        Path file = dir.resolve("bytes.cnn");
        for (int i = 0; i < 200 * SCALE; i++) {
            byte[] bytes = bytes(random);
            Files.write(file, bytes);
            try {
                Compilation c = Compiler.compile(List.of(file));
                c.render();
                for (Diagnostic d : c.diagnostics()) {
                    boolean fileLevel = d.code().equals("E0210") && d.message().contains("not UTF-8");
                    if (d.code().equals("E0001") || !d.span().isKnown() && !fileLevel) {
                        failures.add(FuzzCorpus.save(new String(bytes, StandardCharsets.ISO_8859_1)) + ": " + d);
                    }
                }
            } catch (Throwable t) {
                failures.add("threw " + t + " on bytes " + Arrays.toString(bytes));
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(failures.size(), MAX_REPORTED)));
    }

    /** Runs the oracle on {@code count} inputs; fails with the first few problems and where their inputs were saved. */
    private static void run(String what, int count, java.util.function.IntFunction<String> inputs) {
        List<String> failures = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < count; i++) {
            String text = inputs.apply(i);
            List<String> problems = FrontEndOracle.check("fuzz.cnn", text, i % 10 == 0);
            if (!problems.isEmpty()) {
                failed++;
                if (failures.size() < MAX_REPORTED) {
                    failures.add(FuzzCorpus.save(text) + ": " + problems);
                }
            }
        }
        assertEquals(List.of(), failures, what + ": " + failed + " of " + count + " inputs failed (seed " + SEED
                + "); the inputs are saved under target/fuzz-failures");
    }

    private static long seed(String given) {
        if (!given.equals("random")) {
            return Long.parseLong(given);
        }
        long seed = System.nanoTime();
        System.out.println("FrontEndFuzzTest: -Dcnn.fuzz.seed=" + seed + " repeats this run");
        return seed;
    }

    /** Mostly printable bytes, with line ends, braces, controls and bytes that are not UTF-8. */
    private static byte[] bytes(Random random) {
        byte[] b = new byte[random.nextInt(400)];
        for (int i = 0; i < b.length; i++) {
            int kind = random.nextInt(10);
            b[i] = (byte) (kind < 6 ? 32 + random.nextInt(95) : kind < 8 ? "\n{}()[];".charAt(random.nextInt(8))
                    : random.nextInt(256));
        }
        return b;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String mutate(String seed, Random random) {
        StringBuilder sb = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(sb.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> sb.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
                case 1 -> {
                    int len = Math.min(sb.length() - at, 1 + random.nextInt(12));
                    sb.delete(at, at + len);
                }
                case 2 -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, (char) (32 + random.nextInt(95)));
                    }
                }
                default -> {
                    int from = random.nextInt(seed.length());
                    int len = Math.min(seed.length() - from, random.nextInt(40));
                    sb.insert(at, seed, from, from + len);
                }
            }
        }
        return sb.toString();
    }
}
