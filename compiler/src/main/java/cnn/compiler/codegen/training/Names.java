package cnn.compiler.codegen.training;

import cnn.compiler.codegen.Identifiers;
import cnn.compiler.lower.training.TrainingPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Java identifiers for the trainer's tensors and layers: {@code basic_2.conv_1} becomes
 * {@code basic_2_conv_1}; the activations of a tensor are in {@code a_<id>}, its gradient in
 * {@code d_<id>}, its values before the activation in {@code z_<id>}. Each buffered tensor also
 * has an index into the {@code needGrad} flags. Clashing names get a numeric suffix in network
 * order, so the output is stable.
 */
final class Names {

    private final Identifiers ids;
    private final Map<String, Integer> tensorIndex = new HashMap<>();

    Names(TrainingPlan plan) {
        List<String> names = new ArrayList<>();
        names.add(plan.network().inputName());
        plan.network().nodes().forEach(n -> names.add(n.name()));
        ids = new Identifiers(names);
        int k = 0;
        for (String t : plan.tensors().keySet()) {
            tensorIndex.put(t, k++);
        }
    }

    String id(String name) {
        return ids.of(name);
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
}
