package cnn.compiler.transfer;

import cnn.compiler.cli.Cnnc;
import cnn.runtime.init.Rng;
import cnn.runtime.io.FloatArray;
import cnn.runtime.io.IntArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.Npz;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The small models and data the transfer-learning tests share, and running {@code cnnc} in-process. */
final class TransferFiles {

    private TransferFiles() {
    }

    static final String TRAIN = """
                train {
                    optimizer sgd lr=0.05 momentum=0.9
                    batch 16
                    epochs 2
                    seed 3
                }
            """;

    /** A base, its transfer with a new head, the head alone on cached features, and both reused. */
    static final String MODELS = """
            model Base {
                input 8x8x1
                conv 4, 3 pad=same
                batchnorm relu
                maxpool 2
                flatten
                features = dense 8 relu
                dense 3 softmax
            """ + TRAIN + """
            }
            model Transfer {
                input 8x8x1
                use Base until features frozen
                head = dense 3 softmax
            """ + TRAIN + """
            }
            model Head {
                input 1x1x8
                head_in = flatten
                head = dense 3 softmax
            """ + TRAIN + """
            }
            model Tuned {
                input 8x8x1
                use Base until features frozen
                use Head
            """ + TRAIN + """
            }
            model Plain {
                input 8x8x1
                conv 2, 3
                flatten
                dense 3 softmax
            }
            model Wide {
                input 8x8x1
                conv 4, 3 pad=same
                batchnorm relu
                maxpool 2
                flatten
                features = dense 16 relu
                dense 3 softmax
            }
            """;

    /**
     * Class k of {@code classes} is a bright 3x3 patch at the k-th of six places (shifted by
     * {@code first}), on noise: the base task uses places 0-2, the new task 3-5.
     */
    static void writeData(Path file, int n, int first, long seed) throws IOException {
        Rng rng = new Rng(seed);
        int[][] places = {{0, 0}, {0, 4}, {4, 0}, {4, 4}, {2, 2}, {0, 2}};
        float[] x = new float[n * 64];
        int[] y = new int[n];
        for (int s = 0; s < n; s++) {
            y[s] = s % 3;
            int[] p = places[first + y[s]];
            for (int i = 0; i < 64; i++) {
                int r = i / 8;
                int c = i % 8;
                boolean lit = r >= p[0] && r < p[0] + 3 && c >= p[1] && c < p[1] + 3;
                x[s * 64 + i] = (float) ((lit ? 1.0 : 0.0) + 0.2 * rng.nextGaussian());
            }
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("x", new FloatArray(new int[] {n, 8, 8, 1}, x));
        arrays.put("y", new IntArray(new int[] {n}, y));
        Npz.write(file, arrays);
    }

    record Result(int code, String out, String err) {
    }

    static Result cnnc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        if (args[0].equals("train")) {
            all.addAll(List.of("--progress", "none"));
        }
        int code = Cnnc.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** The float tensor {@code name} of a weights file. */
    static float[] tensor(Path npz, String name) throws IOException {
        NdArray a = Npz.read(npz).get(name);
        if (a == null) {
            throw new AssertionError(npz + " has no " + name);
        }
        return ((FloatArray) a).data();
    }
}
