package cnn.compiler.cli;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A network's summary: a table as Keras' {@code model.summary()} and torchinfo print it, and
 * the JSON of SPEC §3 (keys in that order, nothing more).
 */
public final class SummaryFormat {

    private SummaryFormat() {
    }

    /** SPEC §3's object for one model, on one line. */
    public static String json(Network n) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"model\": ").append(string(n.name()));
        sb.append(", \"input\": ").append(dims(n.input()));
        sb.append(", \"layers\": [");
        for (int i = 0; i < n.nodes().size(); i++) {
            Node x = n.nodes().get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append("{\"name\": ").append(string(x.name()));
            sb.append(", \"op\": ").append(string(x.op().opName()));
            sb.append(", \"output\": ").append(dims(x.output()));
            sb.append(", \"params\": ").append(x.params() + x.nonTrainable());
            sb.append(", \"macs\": ").append(x.macs()).append('}');
        }
        sb.append("], \"total_params\": ").append(n.totalParams());
        sb.append(", \"trainable_params\": ").append(n.trainableParams());
        sb.append(", \"total_macs\": ").append(n.totalMacs()).append('}');
        return sb.toString();
    }

    /** Several models: a JSON array of their objects. */
    public static String jsonArray(List<Network> networks) {
        List<String> parts = new ArrayList<>();
        for (Network n : networks) {
            parts.add(json(n));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** The table: one row per layer, then the totals and the memory per sample in float32. */
    public static String table(Network n) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Layer", "Op", "Output shape", "Params", "MACs"});
        long activations = n.input().elements();
        for (Node x : n.nodes()) {
            String op = x.op().opName() + (x.activation().isLinear() ? "" : " " + x.activation())
                    + (x.frozen() ? " (frozen)" : "");
            rows.add(new String[] {x.name(), op, x.output().toString(), count(x.params() + x.nonTrainable()),
                    count(x.macs())});
            activations += x.output().elements();
        }
        int[] width = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < 5; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        int total = width[0] + width[1] + width[2] + width[3] + width[4] + 8;
        StringBuilder sb = new StringBuilder();
        sb.append("Model: ").append(n.name());
        if (!n.packageName().isEmpty()) {
            sb.append(" (package ").append(n.packageName()).append(')');
        }
        sb.append('\n');
        sb.append("Input: ").append(n.inputName()).append(' ').append(n.input()).append('\n');
        n.weightsFrom().ifPresent(w -> sb.append("Weights: those of ").append(w).append('\n'));
        String rule = "-".repeat(total);
        sb.append(rule).append('\n');
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            sb.append(pad(row[0], width[0], false)).append("  ");
            sb.append(pad(row[1], width[1], false)).append("  ");
            sb.append(pad(row[2], width[2], false)).append("  ");
            sb.append(pad(row[3], width[3], true)).append("  ");
            sb.append(pad(row[4], width[4], true));
            sb.append('\n');
            if (r == 0) {
                sb.append(rule).append('\n');
            }
        }
        sb.append(rule).append('\n');
        long weights = n.tensors().stream().mapToLong(t -> t.size()).sum();
        sb.append("Total params:          ").append(count(n.totalParams())).append('\n');
        sb.append("Trainable params:      ").append(count(n.trainableParams())).append('\n');
        sb.append("Non-trainable params:  ").append(count(n.totalParams() - n.trainableParams())).append('\n');
        sb.append("Total MACs:            ").append(count(n.totalMacs())).append(" per sample\n");
        sb.append("Weights memory:        ").append(bytes(weights * 4)).append(" (float32)\n");
        sb.append("Activation memory:     ").append(bytes(activations * 4)).append(" per sample (float32, input and every"
                + " layer's output)\n");
        sb.append("Outputs:               ").append(String.join(", ", n.outputs())).append('\n');
        return sb.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, units[u]) + " (" + count(b) + " bytes)";
    }

    private static String dims(Shape s) {
        List<String> parts = new ArrayList<>();
        for (long d : s.dims()) {
            parts.add(Long.toString(d));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** A JSON string; names are identifiers and dots, but quote whatever comes. */
    private static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
