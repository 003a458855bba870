package cnn.compiler.diag;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Diagnostics as text (SPEC §2):
 * <pre>
 * models/resnet.cnn:14:9: error[E0302]: add: branch shapes differ: 28x28x64 and 28x28x128
 *    14 |         add(a, b)
 *       |         ^
 *    = hint: give the shortcut a 1x1 conv with 128 filters
 * </pre>
 */
public final class Renderer {

    /** By file, then line, then column; the order of reporting otherwise. */
    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.span().file())
            .thenComparingInt(d -> d.span().line())
            .thenComparingInt(d -> d.span().column());

    private Renderer() {
    }

    /** Every diagnostic, each followed by a blank line. */
    public static String render(List<Diagnostic> diagnostics, Map<String, String> texts) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            sb.append(render(d, texts.get(d.span().file()))).append('\n');
        }
        return sb.toString();
    }

    /**
     * One diagnostic, ending with a newline.
     *
     * @param text the source of the diagnostic's file, or null when it could not be read
     */
    public static String render(Diagnostic d, String text) {
        SourceSpan s = d.span();
        StringBuilder sb = new StringBuilder();
        sb.append(s.file());
        if (s.isKnown()) {
            sb.append(':').append(s.line()).append(':').append(s.column());
        }
        sb.append(": ").append(d.severity().label()).append('[').append(d.code()).append("]: ")
                .append(d.message()).append('\n');
        String line = s.isKnown() && text != null ? line(text, s.line()) : null;
        if (line != null) {
            sb.append(String.format("%5d", s.line())).append(" | ").append(line).append('\n');
            sb.append("      | ").append(caretIndent(line, s.column())).append("^\n");
        }
        if (d.hint() != null) {
            sb.append("   = hint: ").append(d.hint()).append('\n');
        }
        return sb.toString();
    }

    /** The 1-based line of the text without its line end, or null past the end. */
    static String line(String text, int number) {
        int start = 0;
        for (int i = 1; i < number; i++) {
            int nl = nextLineStart(text, start);
            if (nl < 0) {
                return null;
            }
            start = nl;
        }
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        if (start > text.length()) {
            return null;
        }
        return text.substring(start, end);
    }

    /** Where the next line starts after {@code from}: past "\n", "\r\n" or a lone "\r"; -1 if none. */
    private static int nextLineStart(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return -1;
    }

    /**
     * column-1 spaces; a tab in the source stays a tab so the caret lines up in any terminal.
     * Columns count code points, as the lexer does.
     */
    private static String caretIndent(String line, int column) {
        StringBuilder sb = new StringBuilder();
        int count = 0;
        for (int i = 0; i < line.length() && count < column - 1; count++) {
            int cp = line.codePointAt(i);
            sb.append(cp == '\t' ? '\t' : ' ');
            i += Character.charCount(cp);
        }
        while (count < column - 1) {
            sb.append(' ');
            count++;
        }
        return sb.toString();
    }
}
