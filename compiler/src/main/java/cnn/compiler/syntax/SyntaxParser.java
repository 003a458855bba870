package cnn.compiler.syntax;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.grammar.CnnLexer;
import cnn.grammar.CnnParser;
import java.util.Optional;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** Source text to AST. The ANTLR parse tree never leaves this package. */
public final class SyntaxParser {

    private SyntaxParser() {
    }

    /**
     * Parses one file, reporting every syntax error (E01xx).
     *
     * @return the AST, or empty when the file has syntax errors (its meaning would only be guessed)
     */
    public static Optional<SourceFile> parse(String file, String text, Reporter reporter) {
        SyntaxReport report = new SyntaxReport(file, reporter);
        if (text.startsWith("\uFEFF")) {
            text = " " + text.substring(1);   // a byte order mark: keep the columns, drop the mark
        }
        CnnLexer lexer = new CnnLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(new CheckedTokenSource(lexer, report));
        tokens.fill();
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
            reporter.error("E0108", SourceSpan.at(file, 1, 1), "the file is nested too deeply to read",
                    "split deeply nested brackets or blocks into constants and blocks");
            return Optional.empty();
        }
        if (report.count() > 0) {
            return Optional.empty();
        }
        int before = reporter.errorCount();
        SourceFile ast = new AstBuilder(file, reporter).file(tree);
        return reporter.errorCount() > before ? Optional.empty() : Optional.of(ast);
    }
}
