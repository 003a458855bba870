package cnn.runtime.optim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads fixtures/optim.txt, written by tools/reference/optim_fixtures.py (format described there). */
final class OptimFixtures {

    record TensorDecl(String name, int length, double lrScale) {
    }

    record Step(int number, double lr, List<String> trainable, Map<String, float[]> grads,
                Map<String, float[]> params) {
    }

    record Case(String name, String optimizer, Map<String, String> hyper, String[] schedule,
                List<TensorDecl> tensors, Map<String, float[]> init, List<Step> steps,
                Map<String, Map<String, float[]>> state) {

        double hyper(String key, double fallback) {
            String v = hyper.get(key);
            return v == null ? fallback : Double.parseDouble(v);
        }

        boolean flag(String key) {
            return "True".equals(hyper.get(key));
        }
    }

    /** lrs lines: a schedule, its total, and torch's rate for t = 0 … total at base rate 1. */
    record Lrs(String[] schedule, int total, double[] lrs) {
    }

    final List<Case> cases = new ArrayList<>();
    final List<Lrs> lrs = new ArrayList<>();

    static OptimFixtures load() {
        try (InputStream in = OptimFixtures.class.getResourceAsStream("/fixtures/optim.txt")) {
            if (in == null) {
                throw new IllegalStateException("fixtures/optim.txt is not on the test class path");
            }
            OptimFixtures f = new OptimFixtures();
            f.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(BufferedReader reader) throws IOException {
        String line;
        String name = null;
        String optimizer = null;
        Map<String, String> hyper = null;
        String[] schedule = null;
        List<TensorDecl> tensors = null;
        Map<String, float[]> init = null;
        List<Step> steps = null;
        Map<String, Map<String, float[]>> state = null;
        Step step = null;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split(" ");
            switch (f[0]) {
                case "case" -> {
                    name = f[1];
                    hyper = new LinkedHashMap<>();
                    tensors = new ArrayList<>();
                    init = new LinkedHashMap<>();
                    steps = new ArrayList<>();
                    state = new LinkedHashMap<>();
                }
                case "optimizer" -> optimizer = f[1];
                case "set" -> hyper.put(f[1], f[2]);
                case "schedule" -> schedule = tail(f, 1);
                case "tensor" -> tensors.add(new TensorDecl(f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3])));
                case "init" -> init.put(f[1], floats(f, 2));
                case "step" -> {
                    step = new Step(Integer.parseInt(f[1]), 0, new ArrayList<>(), new LinkedHashMap<>(),
                            new LinkedHashMap<>());
                    steps.add(step);
                }
                case "lr" -> {
                    step = new Step(step.number(), Double.parseDouble(f[1]), step.trainable(), step.grads(),
                            step.params());
                    steps.set(steps.size() - 1, step);
                }
                case "trainable" -> step.trainable().addAll(List.of(tail(f, 1)));
                case "grad" -> step.grads().put(f[1], floats(f, 2));
                case "param" -> step.params().put(f[1], floats(f, 2));
                case "state" -> state.computeIfAbsent(f[1], k -> new LinkedHashMap<>()).put(f[2], floats(f, 3));
                case "end" -> cases.add(new Case(name, optimizer, hyper, schedule, tensors, init, steps, state));
                case "lrs" -> {
                    int colon = List.of(f).indexOf(":");
                    int totalAt = List.of(f).indexOf("total");
                    String[] sched = new String[totalAt - 1];
                    System.arraycopy(f, 1, sched, 0, sched.length);
                    double[] values = new double[f.length - colon - 1];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = Double.parseDouble(f[colon + 1 + i]);
                    }
                    lrs.add(new Lrs(sched, Integer.parseInt(f[totalAt + 1]), values));
                }
                default -> throw new IllegalStateException("fixtures/optim.txt: unknown record " + f[0]);
            }
        }
    }

    private static String[] tail(String[] f, int from) {
        String[] out = new String[f.length - from];
        System.arraycopy(f, from, out, 0, out.length);
        return out;
    }

    private static float[] floats(String[] f, int from) {
        float[] out = new float[f.length - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.parseFloat(f[from + i]);
        }
        return out;
    }

    /** The Java schedule a fixture's schedule words describe. */
    static Schedule schedule(String[] words) {
        return switch (words[0]) {
            case "constant" -> new Schedule.Constant();
            case "step" -> new Schedule.Step(Integer.parseInt(words[1]), Double.parseDouble(words[2]));
            case "cosine" -> new Schedule.Cosine();
            default -> throw new IllegalStateException("unknown schedule " + words[0]);
        };
    }
}
