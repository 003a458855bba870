package cnn.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * No input makes the front end throw (DESIGN: fuzzing of the front end): valid sources cut,
 * spliced and sprinkled with tokens must compile to diagnostics, never to an exception or an
 * internal error, and every diagnostic must render.
 */
class FrontEndFuzzTest {

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
    void mutatedSourcesNeverThrow() {
        Random random = new Random(20261125L);
        for (int i = 0; i < 800; i++) {
            String seed = SEEDS.get(random.nextInt(SEEDS.size()));
            String text = mutate(seed, random);
            compileSafely(text);
        }
    }

    @Test
    void tokenSoupNeverThrows() {
        Random random = new Random(7L);
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(60);
            for (int j = 0; j < n; j++) {
                sb.append(TOKENS.get(random.nextInt(TOKENS.size()))).append(random.nextBoolean() ? " " : "");
            }
            compileSafely(sb.toString());
        }
    }

    private static void compileSafely(String text) {
        Compilation c;
        try {
            c = Compiler.compileSource("fuzz.cnn", text);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("the front end threw on:\n" + text, e);
        }
        assertTrue(c.diagnostics().stream().noneMatch(d -> d.code().equals("E0001")),
                () -> "internal error on:\n" + text + "\n" + c.render());
        c.render();
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
