package cnn.compiler.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.TrainSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC §1.5: the train section, its defaults and its checks. */
class TrainSpecTest {

    private static TrainSpec train(String body) {
        Network n = Compile.only("""
                model M {
                    input 8x8x1
                    flatten
                    dense 10 softmax
                    train {
                %s
                    }
                }
                """.formatted(body));
        return n.train().orElseThrow();
    }

    @Test
    void everySettingAsTheSpecWritesIt() {
        TrainSpec t = train("""
                        loss cross_entropy
                        optimizer sgd lr=0.05 momentum=0.8 weight_decay=5e-4
                        schedule step(every=3, gamma=0.5)
                        batch 32
                        epochs 4
                        augment flip(horizontal) rotate(15) crop(4) brightness(0.1)
                        seed 7
                """);
        assertEquals(Optional.of(TrainSpec.Loss.CROSS_ENTROPY), t.loss());
        assertEquals(new TrainSpec.Sgd(0.05, 0.8, 5e-4, false), t.optimizer());
        assertEquals(new TrainSpec.Step(3, 0.5), t.schedule());
        assertEquals(32, t.batch());
        assertEquals(4, t.epochs());
        assertEquals(List.of(new TrainSpec.Flip(true, false), new TrainSpec.Rotate(15), new TrainSpec.Crop(4),
                new TrainSpec.Brightness(0.1)), t.augment());
        assertEquals(7, t.seed());
    }

    @Test
    void adamWithBetasAndCosine() {
        TrainSpec t = train("""
                        optimizer adam lr=0.002 betas=(0.8, 0.99)
                        schedule cosine
                """);
        assertEquals(new TrainSpec.Adam(0.002, 0.8, 0.99, 0), t.optimizer());
        assertEquals(new TrainSpec.Cosine(), t.schedule());
        assertEquals(Optional.empty(), t.loss());
    }

    @Test
    void whatIsNotWrittenKeepsItsDefault() {
        TrainSpec t = train("        epochs 2");
        TrainSpec d = TrainSpec.defaults();
        assertEquals(new TrainSpec(d.loss(), d.optimizer(), d.schedule(), d.batch(), 2, d.augment(), d.seed()), t);
        assertEquals(new TrainSpec.Sgd(0.01, 0.9, 0, false), d.optimizer());
    }

    @Test
    void noTrainSectionIsEmpty() {
        Network n = Compile.only("model M {\n    input 8x8x1\n}\n");
        assertEquals(Optional.empty(), n.train());
    }

    @Test
    void unknownSettingsAndWordsAndBadValuesAreReported() {
        var c = Compile.source("""
                model M {
                    input 8x8x1
                    train {
                        loss hinge
                        optimizer sgd lr=-1 momentum=1.5 nesterov=true
                        schedule step(gamma=0.1)
                        augment flip(diagonal) rotate(400)
                        batches 3
                    }
                }
                """);
        assertEquals(List.of("E0215", "E0455", "E0455", "E0206", "E0215", "E0455", "E0215"), Compile.codes(c),
                c.render());
    }
}
