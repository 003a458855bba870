package cnn.compiler.resolve;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.compiler.graph.TrainSpec;
import cnn.compiler.syntax.Arg;
import cnn.compiler.syntax.Decl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model's {@code train { … }} (SPEC §1.5) to a validated {@link TrainSpec}: unknown keys and
 * words are E0215, values out of range E0455. What is not written keeps its default.
 */
final class TrainReader {

    private static final List<String> KEYS = List.of("loss", "optimizer", "schedule", "batch", "epochs", "augment",
            "seed", "finetune");
    private static final List<String> LOSSES = List.of("cross_entropy", "mse", "bce", "localization", "landmarks",
            "yolo");

    /** One written value: positional or named, with its span. */
    private record Item(String name, Value value, SourceSpan span) {
    }

    private final Reporter reporter;
    private final Evaluator evaluator;
    private final Env env;

    TrainReader(Reporter reporter, Evaluator evaluator, Env env) {
        this.reporter = reporter;
        this.evaluator = evaluator;
        this.env = env;
    }

    TrainSpec read(Decl.Train train) {
        TrainSpec d = TrainSpec.defaults();
        Optional<TrainSpec.Loss> loss = d.loss();
        TrainSpec.Optimizer optimizer = d.optimizer();
        TrainSpec.Schedule schedule = d.schedule();
        int batch = d.batch();
        int epochs = d.epochs();
        List<TrainSpec.Augment> augment = new ArrayList<>(d.augment());
        long seed = d.seed();
        Optional<TrainSpec.FineTune> finetune = Optional.empty();
        Set<String> seen = new HashSet<>();
        for (Decl.TrainEntry e : train.entries()) {
            String key = e.key().name();
            if (!KEYS.contains(key)) {
                reporter.error("E0215", e.key().span(), "train has no setting '" + key + "'",
                        hint(key, KEYS, "the settings are " + String.join(", ", KEYS)));
                continue;
            }
            if (!seen.add(key)) {
                reporter.error("E0207", e.key().span(), "train: " + key + " is given twice", null);
                continue;
            }
            List<Item> items = items(e.args());
            if (items == null) {
                continue;
            }
            if (items.isEmpty()) {
                reporter.error("E0206", e.key().span(), "train: " + key + " needs a value", null);
                continue;
            }
            switch (key) {
                case "loss":
                    loss = loss(single(key, items));
                    break;
                case "optimizer":
                    TrainSpec.Optimizer o = optimizer(items);
                    optimizer = o == null ? optimizer : o;
                    break;
                case "schedule":
                    TrainSpec.Schedule s = schedule(items);
                    schedule = s == null ? schedule : s;
                    break;
                case "batch":
                    batch = (int) whole(key, single(key, items), 1, Integer.MAX_VALUE, batch);
                    break;
                case "epochs":
                    epochs = (int) whole(key, single(key, items), 1, Integer.MAX_VALUE, epochs);
                    break;
                case "seed":
                    seed = whole(key, single(key, items), Long.MIN_VALUE, Long.MAX_VALUE, seed);
                    break;
                case "finetune":
                    finetune = finetune(e, items);
                    break;
                default:
                    augment.clear();
                    for (Item item : items) {
                        TrainSpec.Augment a = augment(item);
                        if (a != null) {
                            augment.add(a);
                        }
                    }
                    break;
            }
        }
        return new TrainSpec(loss, optimizer, schedule, batch, epochs, augment, seed, finetune);
    }

    private List<Item> items(List<Arg> args) {
        List<Item> out = new ArrayList<>();
        for (Arg a : args) {
            Value v = evaluator.eval(a.value(), env);
            if (v instanceof Value.Unknown) {
                return null;
            }
            out.add(new Item(a.name().map(n -> n.name()).orElse(null), v, a.span()));
        }
        return out;
    }

    /** The one positional value of a setting; extra values are reported. */
    private Item single(String key, List<Item> items) {
        for (int i = 1; i < items.size(); i++) {
            reporter.error("E0206", items.get(i).span(), "train: " + key + " takes one value", null);
        }
        return items.get(0);
    }

    private Optional<TrainSpec.Loss> loss(Item item) {
        String word = word(item);
        if (word != null && LOSSES.contains(word)) {
            return Optional.of(TrainSpec.Loss.valueOf(word.toUpperCase(Locale.ROOT)));
        }
        reporter.error("E0215", item.span(), "unknown loss " + item.value().show(),
                hint(word, LOSSES, "the losses are " + String.join(", ", LOSSES)));
        return Optional.empty();
    }

    /** {@code sgd lr=0.01 momentum=0.9 weight_decay=0} or {@code adam lr=0.001 betas=(0.9, 0.999)}. */
    private TrainSpec.Optimizer optimizer(List<Item> items) {
        Item kind = items.get(0);
        Map<String, Item> named = named("optimizer", kind, items);
        if (named == null) {
            return null;
        }
        String word = word(kind);
        if ("sgd".equals(word)) {
            if (!known(named, "sgd", List.of("lr", "momentum", "weight_decay", "nesterov"))) {
                return null;
            }
            double lr = positive(named.get("lr"), 0.01);
            double momentum = fraction(named.get("momentum"), 0.9, true);
            double decay = nonNegative(named.get("weight_decay"), 0);
            boolean nesterov = bool(named.get("nesterov"), false);
            return new TrainSpec.Sgd(lr, momentum, decay, nesterov);
        }
        if ("adam".equals(word)) {
            if (!known(named, "adam", List.of("lr", "betas", "weight_decay"))) {
                return null;
            }
            double lr = positive(named.get("lr"), 0.001);
            double b1 = 0.9;
            double b2 = 0.999;
            Item betas = named.get("betas");
            if (betas != null) {
                if (betas.value() instanceof Value.Tuple t && t.items().size() == 2
                        && Value.isNumber(t.items().get(0)) && Value.isNumber(t.items().get(1))) {
                    b1 = fraction(new Item("betas", t.items().get(0), betas.span()), 0.9, false);
                    b2 = fraction(new Item("betas", t.items().get(1), betas.span()), 0.999, false);
                } else {
                    reporter.error("E0213", betas.span(), "adam: betas must be two numbers, e.g. (0.9, 0.999), got "
                            + betas.value().show(), null);
                }
            }
            double decay = nonNegative(named.get("weight_decay"), 0);
            return new TrainSpec.Adam(lr, b1, b2, decay);
        }
        reporter.error("E0215", kind.span(), "unknown optimizer " + kind.value().show(),
                hint(word, List.of("sgd", "adam"), "the optimizers are sgd and adam"));
        return null;
    }

    /** {@code constant}, {@code cosine}, {@code step(every=N, gamma=0.1)} (or {@code step every=N}). */
    private TrainSpec.Schedule schedule(List<Item> items) {
        Item kind = items.get(0);
        Map<String, Item> named = named("schedule", kind, items);
        if (named == null) {
            return null;
        }
        String word = word(kind);
        if ("constant".equals(word) || "cosine".equals(word)) {
            if (!known(named, word, List.of())) {
                return null;
            }
            return word.equals("constant") ? new TrainSpec.Constant() : new TrainSpec.Cosine();
        }
        if ("step".equals(word)) {
            if (!known(named, "step", List.of("every", "gamma"))) {
                return null;
            }
            Item every = named.get("every");
            if (every == null) {
                reporter.error("E0206", kind.span(), "step needs every=N, the epochs between two rate cuts",
                        "write step(every=10, gamma=0.1)");
                return null;
            }
            int n = (int) whole("every", every, 1, Integer.MAX_VALUE, 1);
            double gamma = positive(named.get("gamma"), 0.1);
            return new TrainSpec.Step(n, gamma);
        }
        reporter.error("E0215", kind.span(), "unknown schedule " + kind.value().show(),
                hint(word, List.of("constant", "step", "cosine"), "the schedules are constant, step(every=N) and cosine"));
        return null;
    }

    /** {@code finetune unfreeze=K epochs=N [lr_scale=S]}: all values named. */
    private Optional<TrainSpec.FineTune> finetune(Decl.TrainEntry e, List<Item> items) {
        Map<String, Item> named = new LinkedHashMap<>();
        for (Item it : items) {
            if (it.name() == null) {
                reporter.error("E0206", it.span(), "train: finetune takes named values, e.g. finetune unfreeze=2 "
                        + "epochs=5 lr_scale=0.1", null);
                return Optional.empty();
            }
            if (named.put(it.name(), it) != null) {
                reporter.error("E0207", it.span(), "train: " + it.name() + " is given twice", null);
                return Optional.empty();
            }
        }
        if (!known(named, "finetune", List.of("unfreeze", "epochs", "lr_scale"))) {
            return Optional.empty();
        }
        for (String needed : List.of("unfreeze", "epochs")) {
            if (!named.containsKey(needed)) {
                reporter.error("E0206", e.key().span(), "finetune needs " + needed + "=N", "write finetune unfreeze=2 "
                        + "epochs=5 lr_scale=0.1: after the head's epochs, 5 more with the last 2 frozen layers "
                        + "training at a tenth of the rate");
                return Optional.empty();
            }
        }
        int unfreeze = (int) whole("unfreeze", named.get("unfreeze"), 1, Integer.MAX_VALUE, 1);
        int epochs = (int) whole("epochs", named.get("epochs"), 1, Integer.MAX_VALUE, 1);
        double scale = positive(named.get("lr_scale"), TrainSpec.FineTune.DEFAULT_LR_SCALE);
        return Optional.of(new TrainSpec.FineTune(unfreeze, epochs, scale));
    }

    private TrainSpec.Augment augment(Item item) {
        String word = word(item);
        List<Value> pos = item.value() instanceof Value.Struct s ? s.positional() : List.of();
        if (item.value() instanceof Value.Struct s && !s.named().isEmpty()) {
            reporter.error("E0205", item.span(), word + " takes no named values", null);
            return null;
        }
        if (word == null || !List.of("flip", "rotate", "crop", "brightness").contains(word)) {
            reporter.error("E0215", item.span(), "unknown augmentation " + item.value().show(),
                    hint(word, List.of("flip", "rotate", "crop", "brightness"),
                            "the augmentations are flip(horizontal), rotate(15), crop(4) and brightness(0.1)"));
            return null;
        }
        if (pos.size() > 1) {
            reporter.error("E0206", item.span(), word + " takes one value", null);
            return null;
        }
        if (word.equals("flip")) {
            String dir = pos.isEmpty() ? "horizontal" : pos.get(0) instanceof Value.Symbol d ? d.name() : "";
            switch (dir) {
                case "horizontal": return new TrainSpec.Flip(true, false);
                case "vertical": return new TrainSpec.Flip(false, true);
                case "both": return new TrainSpec.Flip(true, true);
                default:
                    reporter.error("E0215", item.span(), "flip takes horizontal, vertical or both, got "
                            + pos.get(0).show(), null);
                    return null;
            }
        }
        if (pos.isEmpty()) {
            reporter.error("E0206", item.span(), word + " needs a value, e.g. " + word
                    + (word.equals("rotate") ? "(15)" : word.equals("crop") ? "(4)" : "(0.1)"), null);
            return null;
        }
        Item v = new Item(word, pos.get(0), item.span());
        switch (word) {
            case "rotate":
                return new TrainSpec.Rotate(range(v, 0, 180, "degrees from 0 to 180"));
            case "crop":
                return new TrainSpec.Crop((int) whole(word, v, 0, 10_000, 0));
            default:
                return new TrainSpec.Brightness(range(v, 0, 1, "a fraction from 0 to 1"));
        }
    }

    // ------------------------------------------------------------------ values

    /** The named values of a setting ({@code lr=0.01}), also those inside {@code step(every=5)}. */
    private Map<String, Item> named(String key, Item kind, List<Item> items) {
        Map<String, Item> named = new LinkedHashMap<>();
        if (kind.name() != null) {
            reporter.error("E0206", kind.span(), "train: " + key + " starts with its kind, e.g. " + key
                    + (key.equals("optimizer") ? " adam" : " cosine"), null);
            return null;
        }
        if (kind.value() instanceof Value.Struct s) {
            if (!s.positional().isEmpty()) {
                reporter.error("E0206", kind.span(), s.name() + " takes only named values, e.g. every=5", null);
                return null;
            }
            s.named().forEach((k, v) -> named.put(k, new Item(k, v, kind.span())));
        }
        for (int i = 1; i < items.size(); i++) {
            Item it = items.get(i);
            if (it.name() == null) {
                reporter.error("E0206", it.span(), "train: " + key + " takes named values after its kind, e.g. lr=0.01",
                        null);
                return null;
            }
            if (named.put(it.name(), it) != null) {
                reporter.error("E0207", it.span(), "train: " + it.name() + " is given twice", null);
                return null;
            }
        }
        return named;
    }

    private boolean known(Map<String, Item> named, String what, List<String> allowed) {
        boolean ok = true;
        for (Item it : named.values()) {
            if (!allowed.contains(it.name())) {
                reporter.error("E0215", it.span(), what + " has no setting '" + it.name() + "'",
                        hint(it.name(), allowed, allowed.isEmpty() ? what + " takes no settings"
                                : "its settings are " + String.join(", ", allowed)));
                ok = false;
            }
        }
        return ok;
    }

    private static String word(Item item) {
        if (item.value() instanceof Value.Symbol s) {
            return s.name();
        }
        if (item.value() instanceof Value.Struct s) {
            return s.name();
        }
        return null;
    }

    private double number(Item item, double dflt) {
        if (Value.isNumber(item.value())) {
            return Value.asDouble(item.value());
        }
        if (item.value() instanceof Value.Symbol s) {
            evaluator.unknownName(s, item.span(), env);
        } else {
            reporter.error("E0213", item.span(), item.name() + " must be a number, got " + item.value().show(), null);
        }
        return dflt;
    }

    private double positive(Item item, double dflt) {
        if (item == null) {
            return dflt;
        }
        double v = number(item, dflt);
        if (!(v > 0) || Double.isInfinite(v)) {
            reporter.error("E0455", item.span(), item.name() + " must be greater than 0, got " + item.value().show(),
                    null);
            return dflt;
        }
        return v;
    }

    private double nonNegative(Item item, double dflt) {
        if (item == null) {
            return dflt;
        }
        double v = number(item, dflt);
        if (!(v >= 0) || Double.isInfinite(v)) {
            reporter.error("E0455", item.span(), item.name() + " must not be negative, got " + item.value().show(), null);
            return dflt;
        }
        return v;
    }

    /** A momentum or beta: in [0, 1). */
    private double fraction(Item item, double dflt, boolean momentum) {
        if (item == null) {
            return dflt;
        }
        double v = number(item, dflt);
        if (!(v >= 0 && v < 1)) {
            reporter.error("E0455", item.span(), item.name() + " must be in [0, 1), got " + item.value().show(),
                    momentum ? "the usual momentum is 0.9" : "the usual betas are (0.9, 0.999)");
            return dflt;
        }
        return v;
    }

    private double range(Item item, double lo, double hi, String what) {
        double v = number(item, lo);
        if (!(v >= lo && v <= hi)) {
            reporter.error("E0455", item.span(), item.name() + " must be " + what + ", got " + item.value().show(), null);
            return lo;
        }
        return v;
    }

    private boolean bool(Item item, boolean dflt) {
        if (item == null) {
            return dflt;
        }
        if (item.value() instanceof Value.Bool b) {
            return b.value();
        }
        reporter.error("E0213", item.span(), item.name() + " must be true or false, got " + item.value().show(), null);
        return dflt;
    }

    private long whole(String key, Item item, long min, long max, long dflt) {
        Value v = item.value();
        if (v instanceof Value.Int i) {
            if (i.value() < min || i.value() > max) {
                reporter.error("E0455", item.span(), key + " must be " + (i.value() < min
                        ? "at least " + min : "at most " + max) + ", got " + i.value(), null);
                return dflt;
            }
            return i.value();
        }
        if (v instanceof Value.Symbol s) {
            evaluator.unknownName(s, item.span(), env);
            return dflt;
        }
        reporter.error(v instanceof Value.Real ? "E0451" : "E0213", item.span(), key + " must be a whole number, got "
                + v.show(), null);
        return dflt;
    }

    private static String hint(String word, List<String> options, String otherwise) {
        if (word != null) {
            String s = Suggest.closest(word, options);
            if (s != null) {
                return "did you mean " + s + "?";
            }
        }
        return otherwise;
    }
}
