package cnn.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.compiler.diag.Diagnostic;
import cnn.compiler.diag.SourceSpan;
import org.junit.jupiter.api.Test;

class IdeFormatTest {

    @Test
    void positionInBracketsAsMavenPrintsJavacErrors() {
        Diagnostic d = Diagnostic.error("E0302", new SourceSpan("/m/resnet.cnn", 14, 9, 14, 18),
                "add: branch shapes differ: 28x28x64 and 28x28x128").withHint("give the shortcut a 1x1 conv");
        assertEquals("/m/resnet.cnn:[14,9] add: branch shapes differ: 28x28x64 and 28x28x128", IdeFormat.line(d));
    }

    @Test
    void aFileWithoutPositionIsStillNamed() {
        Diagnostic d = Diagnostic.warning("W0102", SourceSpan.none("/m/a.cnn"), "unused tensor t");
        assertEquals("/m/a.cnn: unused tensor t", IdeFormat.line(d));
    }
}
