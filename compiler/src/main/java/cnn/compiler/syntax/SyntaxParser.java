package cnn.compiler.syntax;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.grammar.CnnLexer;
import cnn.grammar.CnnParser;
import java.util.Optional;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** Source text to AST. The ANTLR parse tree never leaves this package. */
public final class SyntaxParser {

    private static final Pattern LONE_CR = Pattern.compile("\r(?!\n)");

    private SyntaxParser() {
    }

    /**
     * Parses one file, reporting every syntax error (E01xx).
     *
     * @return the AST, or empty when the file has syntax errors (its meaning would only be guessed)
     */
    public static Optional<SourceFile> parse(String file, String text, Reporter reporter) {
        SyntaxReport report = new SyntaxReport(file, reporter);
        if (text.length() > SourceLimits.MAX_CHARS) {
            tooLarge(file, text, reporter);
            return Optional.empty();
        }
        if (text.startsWith("\uFEFF")) {
            text = " " + text.substring(1);   // a byte order mark: keep the columns, drop the mark
        }
        // a lone '\r' ends a line for the renderer and editors but not for ANTLR's line count:
        // read it as '\n' (same length, so columns and offsets stay) so diagnostics point right
        text = LONE_CR.matcher(text).replaceAll("\n");
        CnnLexer lexer = new CnnLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners();
        CheckedTokenSource source = new CheckedTokenSource(lexer, report);
        CommonTokenStream tokens = new CommonTokenStream(source);
        tokens.fill();
        if (source.tooMany()) {
            return Optional.empty();
        }
        SourceLimits.Breach deep = SourceLimits.check(tokens.getTokens());
        if (deep != null) {
            reporter.error(deep.code(), Spans.of(file, deep.at()), deep.message(), deep.hint());
            return Optional.empty();
        }
        CnnParser parser = new CnnParser(tokens);
        parser.removeErrorListeners();
        CnnParser.FileContext tree;
        try {
            // the fast SLL pass parses every correct file; only a file with a mistake (or one of
            // the rare inputs SLL cannot decide) is parsed again with full LL and recovery
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            parser.setErrorHandler(new BailErrorStrategy());
            try {
                tree = parser.file();
            } catch (ParseCancellationException e) {
                tokens.seek(0);
                parser.reset();
                parser.getInterpreter().setPredictionMode(PredictionMode.LL);
                parser.setErrorHandler(new SyntaxErrorStrategy(report));
                tree = parser.file();
            }
        } catch (StackOverflowError e) {
            // the limits above keep the parser well within the stack; this is the last resort
            reporter.error("E0108", SourceSpan.at(file, 1, 1), "the file is nested too deeply to read",
                    "split deeply nested brackets or blocks into constants and blocks");
            return Optional.empty();
        }
        if (report.count() > 0) {
            return Optional.empty();
        }
        for (Token div : lexer.bareDivisions) {
            reporter.warning("W0104", Spans.of(file, div), "'//' after a value is read as integer division here, "
                    + "not as a comment", "put a division in parentheses, e.g. (in.c // 2); put a comment on a line "
                    + "of its own");
        }
        int before = reporter.errorCount();
        SourceFile ast = new AstBuilder(file, reporter).file(tree);
        return reporter.errorCount() > before ? Optional.empty() : Optional.of(ast);
    }

    /** E0110 at the character past the limit. */
    private static void tooLarge(String file, String text, Reporter reporter) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < SourceLimits.MAX_CHARS; i++) {
            char c = text.charAt(i);
            // counted as the lexer counts: lines end at '\n', columns are code points
            if (c == '\n') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(c)) {
                column++;
            }
        }
        reporter.error("E0110", SourceSpan.at(file, line, column), String.format(
                "the file has %,d characters; a source file may have at most %,d (1 MiB)", text.length(),
                SourceLimits.MAX_CHARS), "split it into files that import each other");
    }
}
