package cnn.compiler.codegen.training;

import cnn.compiler.graph.TrainSpec;
import cnn.compiler.lower.training.TrainingPlan;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code TrainConfig} constant of a trainer: the model's {@code train {}} section with defaults filled in. */
final class ConfigCode {

    private ConfigCode() {
    }

    static CodeBlock of(TrainingPlan plan) {
        TrainSpec spec = plan.network().train().orElseGet(TrainSpec::defaults);
        String optimizer;
        double momentum = 0;
        double weightDecay;
        boolean nesterov = false;
        double beta1 = 0;
        double beta2 = 0;
        if (spec.optimizer() instanceof TrainSpec.Sgd s) {
            optimizer = "sgd";
            momentum = s.momentum();
            weightDecay = s.weightDecay();
            nesterov = s.nesterov();
        } else {
            TrainSpec.Adam a = (TrainSpec.Adam) spec.optimizer();
            optimizer = "adam";
            weightDecay = a.weightDecay();
            beta1 = a.beta1();
            beta2 = a.beta2();
        }
        CodeBlock schedule;
        if (spec.schedule() instanceof TrainSpec.Step st) {
            schedule = CodeBlock.of("new $T.Step($L, $L)", Types.SCHEDULE, st.every(), st.gamma());
        } else if (spec.schedule() instanceof TrainSpec.Cosine) {
            schedule = CodeBlock.of("new $T.Cosine()", Types.SCHEDULE);
        } else {
            schedule = CodeBlock.of("new $T.Constant()", Types.SCHEDULE);
        }
        List<String> augment = new ArrayList<>();
        for (TrainSpec.Augment a : spec.augment()) {
            augment.add(CodeBlock.of("$S", augment(a)).toString());
        }
        return CodeBlock.builder()
                .add("new $T($S, $S, $L, $L, $L, $L, $L, $L,\n", Types.TRAIN_CONFIG, plan.loss().sourceName(), optimizer,
                        spec.optimizer().lr(), momentum, weightDecay, nesterov, beta1, beta2)
                .add("$>$>$L, $L, $L, $T.of($L), $LL)$<$<", schedule, spec.batch(), spec.epochs(), Types.LIST,
                        augment.stream().collect(Collectors.joining(", ")), spec.seed())
                .build();
    }

    /** As the source writes it: {@code flip(horizontal)}, {@code rotate(15)}, {@code crop(4)}, {@code brightness(0.1)}. */
    static String augment(TrainSpec.Augment a) {
        if (a instanceof TrainSpec.Flip f) {
            List<String> axes = new ArrayList<>();
            if (f.horizontal()) {
                axes.add("horizontal");
            }
            if (f.vertical()) {
                axes.add("vertical");
            }
            return "flip(" + String.join(", ", axes) + ")";
        } else if (a instanceof TrainSpec.Rotate r) {
            return "rotate(" + number(r.degrees()) + ")";
        } else if (a instanceof TrainSpec.Crop c) {
            return "crop(" + c.pixels() + ")";
        }
        return "brightness(" + number(((TrainSpec.Brightness) a).delta()) + ")";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
