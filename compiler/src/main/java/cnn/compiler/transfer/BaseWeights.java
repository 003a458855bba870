package cnn.compiler.transfer;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.TensorSpec;
import cnn.compiler.graph.WeightLayout;
import cnn.runtime.io.FloatArray;
import cnn.runtime.io.NdArray;
import cnn.runtime.io.NpyHeader;
import cnn.runtime.io.NpzReader;
import cnn.runtime.io.Shapes;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a base model's weights into the layers a model reuses from it ({@code use M [until …]},
 * SPEC §1.2): the layers keep M's names, so their tensors are looked up by name in M's weights
 * file. Only reused layers load; the model's own layers (the new head) keep their fresh
 * initialisation. Several files may be given (one per used model, e.g. a base and a head trained
 * on cached features); a tensor is taken from the first file that has it. Every reused tensor
 * must be found with its exact shape, and every file must supply something, else nothing loads
 * and the message names each problem.
 */
public final class BaseWeights {

    private BaseWeights() {
    }

    /** A tensor of a reused layer, with the layer and the model it came from (null: the layer's own model). */
    public record Reused(TensorSpec tensor, String layer, String from) {
    }

    /** The tensors of the layers {@code net} brought in with {@code use}, in weights-file order. */
    public static List<Reused> reused(Network net) {
        List<Reused> out = new ArrayList<>();
        for (Node n : net.nodes()) {
            if (n.reusedFrom().isPresent()) {
                for (TensorSpec t : WeightLayout.of(n)) {
                    out.add(new Reused(t, n.name(), n.reusedFrom().get()));
                }
            }
        }
        return out;
    }

    /**
     * The reused tensors of {@code net}, read from {@code files} (file layout, keyed by name).
     *
     * @throws TransferException naming every missing, misshapen or unreadable tensor, a file that
     *                           supplies nothing, or a model that reuses no layers
     */
    public static Map<String, float[]> load(Network net, List<Path> files) throws TransferException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no base weights files");
        }
        List<Reused> wanted = reused(net);
        if (wanted.isEmpty()) {
            boolean reusesLayers = net.nodes().stream().anyMatch(n -> n.reusedFrom().isPresent());
            throw new TransferException(net.name() + (reusesLayers ? " reuses only layers without weights"
                    : " reuses no layers") + ", so a base weights file has nothing to load into it; "
                    + "bring a base model's layers in with 'use BASE until LAYER frozen'");
        }
        return read(net.name(), files, wanted, true);
    }

    /**
     * Reads {@code wanted} from {@code files} (a tensor from the first file that has it); other
     * tensors in the files are ignored.
     *
     * @param eachFileUsed refuse a file that supplies none of them (it was probably the wrong one)
     * @throws TransferException naming every problem
     */
    static Map<String, float[]> read(String model, List<Path> files, List<Reused> wanted, boolean eachFileUsed)
            throws TransferException {
        List<NpzReader> readers = new ArrayList<>();
        try {
            for (Path f : files) {
                readers.add(open(f));
            }
            return read(model, files, readers, wanted, eachFileUsed);
        } finally {
            for (NpzReader r : readers) {
                try {
                    r.close();
                } catch (IOException ignored) {
                    // only read from; nothing is lost
                }
            }
        }
    }

    /**
     * {@code fresh} (every tensor of the model, e.g. its seeded initialisation) with the reused
     * tensors replaced by {@code base}; a new map in {@code fresh}'s order.
     */
    public static Map<String, float[]> overlay(Map<String, float[]> fresh, Map<String, float[]> base) {
        Map<String, float[]> out = new LinkedHashMap<>(fresh);
        for (Map.Entry<String, float[]> e : base.entrySet()) {
            if (!out.containsKey(e.getKey())) {
                throw new IllegalArgumentException("the model has no tensor " + e.getKey());
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static NpzReader open(Path f) throws TransferException {
        try {
            return NpzReader.open(f);
        } catch (NoSuchFileException e) {
            throw new TransferException(f + ": no such file");
        } catch (IOException e) {
            throw new TransferException(f + ": not a readable weights file: " + e.getMessage(), e);
        }
    }

    private static Map<String, float[]> read(String model, List<Path> files, List<NpzReader> readers,
                                             List<Reused> wanted, boolean eachFileUsed) throws TransferException {
        List<String> problems = new ArrayList<>();
        int[] used = new int[files.size()];
        Map<String, Integer> source = new LinkedHashMap<>();
        for (Reused r : wanted) {
            TensorSpec t = r.tensor();
            String what = "layer " + r.layer() + " of " + model + (r.from() == null ? "" : " (from " + r.from() + ")");
            int found = -1;
            for (int i = 0; i < readers.size() && found < 0; i++) {
                if (readers.get(i).contains(t.name())) {
                    found = i;
                }
            }
            if (found < 0) {
                problems.add((files.size() == 1 ? files.get(0) + " has no tensor " : "none of "
                        + String.join(", ", files.stream().map(Path::toString).toList()) + " has tensor ")
                        + t.name() + " " + Shapes.format(t.shape()) + ", which " + what + " needs"
                        + (r.from() == null ? "" : "; is it " + r.from() + "'s weights file?"));
                continue;
            }
            used[found]++;
            NpyHeader h = readers.get(found).header(t.name());
            if (!h.dtype().isFloat()) {
                problems.add(files.get(found) + ": tensor " + t.name() + " has dtype " + h.dtype().numpyName()
                        + ", expected float32");
            } else if (!Arrays.equals(h.shape(), t.shape())) {
                problems.add(files.get(found) + ": tensor " + t.name() + " has shape " + Shapes.format(h.shape())
                        + ", but " + what + " needs " + Shapes.format(t.shape()));
            } else {
                source.put(t.name(), found);
            }
        }
        for (int i = 0; i < files.size(); i++) {
            if (eachFileUsed && used[i] == 0) {
                problems.add(files.get(i) + " holds none of the tensors " + model + " reuses ("
                        + String.join(", ", wanted.stream().map(r -> r.tensor().name()).limit(4).toList())
                        + (wanted.size() > 4 ? ", …" : "") + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new TransferException(String.join("\n", problems));
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : source.entrySet()) {
            Path file = files.get(e.getValue());
            try {
                NdArray a = readers.get(e.getValue()).read(e.getKey());
                if (!(a instanceof FloatArray fa)) {
                    throw new TransferException(file + ": tensor " + e.getKey() + " is not floating point");
                }
                out.put(e.getKey(), fa.data());
            } catch (IOException ex) {
                throw new TransferException(file + ": tensor " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        return out;
    }
}
