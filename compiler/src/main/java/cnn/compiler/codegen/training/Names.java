package cnn.compiler.codegen.training;

import cnn.compiler.lower.training.TrainingPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Java identifiers for the trainer's tensors and layers: {@code basic_2.conv_1} becomes
 * {@code basic_2_conv_1}; the activations of a tensor are in {@code a_<id>}, its gradient in
 * {@code d_<id>}, its values before the activation in {@code z_<id>}. Each buffered tensor also
 * has an index into the {@code needGrad} flags. Clashing names get a numeric suffix in network
 * order, so the output is stable.
 */
final class Names {

    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, Integer> tensorIndex = new HashMap<>();

    Names(TrainingPlan plan) {
        List<String> names = new ArrayList<>();
        names.add(plan.network().inputName());
        plan.network().nodes().forEach(n -> names.add(n.name()));
        Set<String> taken = new HashSet<>();
        for (String name : names) {
            String base = sanitize(name);
            String id = base;
            for (int k = 2; taken.contains(id); k++) {
                id = base + "_" + k;
            }
            taken.add(id);
            ids.put(name, id);
        }
        int k = 0;
        for (String t : plan.tensors().keySet()) {
            tensorIndex.put(t, k++);
        }
    }

    String id(String name) {
        String id = ids.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no identifier for " + name);
        }
        return id;
    }

    String act(String tensor) {
        return "a_" + id(tensor);
    }

    String grad(String tensor) {
        return "d_" + id(tensor);
    }

    String pre(String tensor) {
        return "z_" + id(tensor);
    }

    int tensorIndex(String tensor) {
        Integer k = tensorIndex.get(tensor);
        if (k == null) {
            throw new IllegalArgumentException("no buffer for tensor " + tensor);
        }
        return k;
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
