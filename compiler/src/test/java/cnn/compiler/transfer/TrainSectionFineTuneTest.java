package cnn.compiler.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.diag.Diagnostic;
import cnn.compiler.graph.TrainSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code train { finetune unfreeze=K epochs=N lr_scale=S }}: read, defaulted and checked. */
class TrainSectionFineTuneTest {

    private static Compilation compile(String finetune) {
        return Compiler.compileSource("m.cnn", """
                model M {
                    input 8x8x1
                    conv 2, 3
                    flatten
                    dense 2 softmax
                    train {
                        epochs 4
                        %s
                    }
                }
                """.formatted(finetune));
    }

    private static List<String> errors(String finetune) {
        return compile(finetune).diagnostics().stream().map(d -> d.code() + " " + d.message()).toList();
    }

    @Test
    void readsTheSettingWithItsDefaultScale() {
        Compilation c = compile("finetune unfreeze=2 epochs=3");
        assertFalse(c.hasErrors(), c::render);
        TrainSpec spec = c.network("M").orElseThrow().train().orElseThrow();
        assertEquals(Optional.of(new TrainSpec.FineTune(2, 3, 0.1)), spec.finetune());
        assertEquals(4, spec.epochs());
        TrainSpec scaled = compile("finetune epochs=1 unfreeze=1 lr_scale=0.01").network("M").orElseThrow().train()
                .orElseThrow();
        assertEquals(Optional.of(new TrainSpec.FineTune(1, 1, 0.01)), scaled.finetune());
        assertEquals(Optional.empty(), compile("").network("M").orElseThrow().train().orElseThrow().finetune());
    }

    @Test
    void wrongValuesAreReportedWhereTheyAre() {
        assertEquals(List.of("E0206 finetune needs epochs=N"), errors("finetune unfreeze=2"));
        assertEquals(List.of("E0215 finetune has no setting 'layers'"), errors("finetune unfreeze=2 epochs=1 layers=3"));
        assertEquals(List.of("E0455 unfreeze must be at least 1, got 0"), errors("finetune unfreeze=0 epochs=1"));
        assertEquals(List.of("E0455 lr_scale must be greater than 0, got -1"),
                errors("finetune unfreeze=1 epochs=1 lr_scale=-1"));
        assertEquals(List.of("E0206 train: finetune takes named values, e.g. finetune unfreeze=2 epochs=5 "
                + "lr_scale=0.1"), errors("finetune 2"));
        Diagnostic d = compile("finetune unfreeze=2 epochs=1\n        finetune unfreeze=1 epochs=1").diagnostics().get(0);
        assertEquals("E0207", d.code());
        assertEquals(9, d.span().line());
    }
}
