package cnn.compiler.codegen;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Java identifiers for layer names: {@code basic_2.conv_1} becomes {@code basic_2_conv_1}.
 * Distinct layer names that would collide get a numeric suffix, assigned in network order so
 * the output is stable. Public because the trainer generator ({@code codegen.training}) names
 * its tensors with it too.
 */
public final class Identifiers {

    private final Map<String, String> ids = new HashMap<>();

    public Identifiers(List<String> layerNames) {
        Set<String> taken = new HashSet<>();
        for (String name : layerNames) {
            String base = sanitize(name);
            String id = base;
            for (int k = 2; taken.contains(id); k++) {
                id = base + "_" + k;
            }
            taken.add(id);
            ids.put(name, id);
        }
    }

    public String of(String layer) {
        String id = ids.get(layer);
        if (id == null) {
            throw new IllegalArgumentException("no identifier for " + layer);
        }
        return id;
    }

    static String sanitize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
            b.insert(0, '_');
        }
        return b.toString();
    }
}
