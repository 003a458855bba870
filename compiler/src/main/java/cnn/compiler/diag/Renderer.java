package cnn.compiler.diag;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
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

    /** Source lines longer than this are shown as a window around the caret. */
    static final int MAX_SHOWN = 120;

    /** Every diagnostic, each followed by a blank line. */
    public static String render(List<Diagnostic> diagnostics, Map<String, String> texts) {
        StringBuilder sb = new StringBuilder();
        // one index of line starts per file: finding a line by counting from the top for every
        // diagnostic made a file with many errors quadratic to render
        Map<String, Lines> lines = new HashMap<>();
        for (Diagnostic d : diagnostics) {
            String file = d.span().file();
            String text = texts.get(file);
            Lines index = text == null ? null : lines.computeIfAbsent(file, f -> new Lines(text));
            sb.append(render(d, index)).append('\n');
        }
        return sb.toString();
    }

    /**
     * One diagnostic, ending with a newline.
     *
     * @param text the source of the diagnostic's file, or null when it could not be read
     */
    public static String render(Diagnostic d, String text) {
        return render(d, text == null ? null : new Lines(text));
    }

    private static String render(Diagnostic d, Lines lines) {
        SourceSpan s = d.span();
        StringBuilder sb = new StringBuilder();
        sb.append(s.file());
        if (s.isKnown()) {
            sb.append(':').append(s.line()).append(':').append(s.column());
        }
        sb.append(": ").append(d.severity().label()).append('[').append(d.code()).append("]: ")
                .append(printable(d.message())).append('\n');
        String line = s.isKnown() && lines != null ? lines.line(s.line()) : null;
        if (line != null) {
            String number = String.format("%5d", s.line());
            String gutter = " ".repeat(number.length());
            int column = s.column();
            int[] window = window(line, column);
            String shown = printable(line.substring(window[0], window[1]));
            String before = window[0] > 0 ? "…" : "";
            String after = window[1] < line.length() ? "…" : "";
            column -= line.codePointCount(0, window[0]);
            sb.append(number).append(" | ").append(before).append(shown).append(after).append('\n');
            sb.append(gutter).append(" | ").append(before.isEmpty() ? "" : " ")
                    .append(caretIndent(shown, column)).append("^\n");
        }
        if (d.hint() != null) {
            sb.append("   = hint: ").append(printable(d.hint())).append('\n');
        }
        return sb.toString();
    }

    /**
     * Control characters (but tab) as '?': a file holding an escape sequence must not reach
     * the terminal through a diagnostic. One character for one, so carets stay in place.
     */
    public static String printable(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f;
            if (control && sb == null) {
                sb = new StringBuilder(text.substring(0, i));
            }
            if (sb != null) {
                sb.append(control ? '?' : c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /**
     * The part of a line to show, as char offsets {begin, end}: all of it when it is short,
     * otherwise {@link #MAX_SHOWN} characters around the column (a 10 MB line is not printed).
     */
    static int[] window(String line, int column) {
        if (line.length() <= MAX_SHOWN) {
            return new int[] {0, line.length()};
        }
        int at = offsetOfColumn(line, column);
        int begin = Math.max(0, Math.min(at - MAX_SHOWN / 2, line.length() - MAX_SHOWN));
        int end = Math.min(line.length(), begin + MAX_SHOWN);
        // never split a surrogate pair
        if (begin > 0 && Character.isLowSurrogate(line.charAt(begin))) {
            begin--;
        }
        if (end < line.length() && Character.isLowSurrogate(line.charAt(end))) {
            end++;
        }
        return new int[] {begin, end};
    }

    /** The char offset of a 1-based column counted in code points (the end of the line past it). */
    private static int offsetOfColumn(String line, int column) {
        int i = 0;
        for (int count = 1; count < column && i < line.length(); count++) {
            i += Character.charCount(line.codePointAt(i));
        }
        return i;
    }

    /** The 1-based line of the text without its line end, or null past the end. */
    static String line(String text, int number) {
        return new Lines(text).line(number);
    }

    /** Where each line of a text starts: after "\n", "\r\n" or a lone "\r". */
    private static final class Lines {
        private final String text;
        private int[] starts = new int[16];
        private int count;

        Lines(String text) {
            this.text = text;
            add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    add(i + 1);
                } else if (c == '\r') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    add(i + 1);
                }
            }
        }

        private void add(int start) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = start;
        }

        String line(int number) {
            if (number < 1 || number > count) {
                return null;
            }
            int start = starts[number - 1];
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            return text.substring(start, end);
        }
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
