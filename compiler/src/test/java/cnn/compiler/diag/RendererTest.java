package cnn.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rendering of SPEC §2 under hostile sources: long lines, many diagnostics, odd line ends, escapes. */
class RendererTest {

    private static String render(String text, int line, int column) {
        Diagnostic d = Diagnostic.error("E0101", SourceSpan.at("t.cnn", line, column), "m");
        return Renderer.render(d, text);
    }

    @Test
    void aLongLineIsShownAsAWindowWithTheCaretUnderTheSameCharacter() {
        String line = "a".repeat(5000) + "X" + "b".repeat(5000);
        String out = render(line + "\n", 1, 5001);
        String[] lines = out.split("\n");
        String source = lines[1].substring("    1 | ".length());
        String caret = lines[2].substring("      | ".length());
        assertEquals(Renderer.MAX_SHOWN + 2, source.length(), "120 characters and an ellipsis at each end");
        assertTrue(source.startsWith("…") && source.endsWith("…"), source);
        assertEquals('X', source.charAt(caret.indexOf('^')), out);
        // short lines are shown whole; a caret near the end of a long line stays on the line
        assertEquals("    1 | abc\n", render("abc\n", 1, 2).split("(?<=\n)")[1]);
        String end = render(line + "\n", 1, 10_001).split("\n")[2];
        assertEquals(Renderer.MAX_SHOWN, end.substring("      | ".length()).indexOf('^'), "under the last 'b'");
    }

    @Test
    void linesEndAtLfCrLfAndLoneCr() {
        String text = "one\r\ntwo\rthree\nfour";
        assertEquals("two", Renderer.line(text, 2));
        assertEquals("three", Renderer.line(text, 3));
        assertEquals("four", Renderer.line(text, 4));
        assertEquals(null, Renderer.line(text, 5));
    }

    @Test
    void manyDiagnosticsRenderInLinearTime() {
        StringBuilder text = new StringBuilder();
        List<Diagnostic> ds = new ArrayList<>();
        for (int i = 1; i <= 100_000; i++) {
            text.append("@\n");
            ds.add(Diagnostic.error("E0103", SourceSpan.at("t.cnn", i, 1), "unexpected character '@'"));
        }
        long start = System.nanoTime();
        String out = Renderer.render(ds, Map.of("t.cnn", text.toString()));
        double seconds = (System.nanoTime() - start) / 1e9;
        // counting lines from the top for each diagnostic took 17 s here
        assertTrue(seconds < 5, "rendering 100,000 diagnostics took " + seconds + " s");
        assertTrue(out.contains("100000 | @\n"), "the gutter widens past line 99,999");
    }

    @Test
    void controlCharactersNeverReachTheTerminal() {
        String text = "import \"\u001b]0;pwned\u0007.cnn\"\n";
        Diagnostic d = Diagnostic.error("E0210", SourceSpan.at("t.cnn", 1, 1),
                "cannot import \u001b]0;pwned\u0007.cnn").withHint("fix \u009b31m");
        String out = Renderer.render(d, text);
        assertTrue(out.chars().noneMatch(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f), out);
        assertTrue(out.contains("import \"?]0;pwned?.cnn\""), out);
        String tab = Renderer.render(d, "\ttab\n");
        assertTrue(tab.contains("| \ttab\n") && tab.contains("| ^"), "a tab is kept: " + tab);
    }
}
