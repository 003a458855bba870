package cnn.compiler.syntax;

import cnn.grammar.CnnLexer;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;

/**
 * The lexer's tokens minus the ones that are mistakes in themselves (a stray character, an
 * unterminated string or comment): those are reported here, with a message about the
 * mistake, and never reach the parser.
 */
final class CheckedTokenSource implements TokenSource {

    private final CnnLexer lexer;
    private final SyntaxReport report;
    /** Tokens handed out so far, hidden ones included (the token stream keeps them all). */
    private int count;
    private boolean tooMany;

    CheckedTokenSource(CnnLexer lexer, SyntaxReport report) {
        this.lexer = lexer;
        this.report = report;
    }

    /** Whether the file had more than {@link SourceLimits#MAX_TOKENS} tokens (the rest was not read). */
    boolean tooMany() {
        return tooMany;
    }

    @Override
    public Token nextToken() {
        while (true) {
            Token t = lexer.nextToken();
            if (t.getType() != Token.EOF && ++count > SourceLimits.MAX_TOKENS) {
                // stop here: the parse tree of the rest would cost memory in proportion
                tooMany = true;
                report.error("E0110", t, String.format("the file has more than %,d tokens", SourceLimits.MAX_TOKENS),
                        "split it into files that import each other");
                CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
                eof.setLine(t.getLine());
                eof.setCharPositionInLine(t.getCharPositionInLine());
                eof.setStartIndex(t.getStartIndex());
                eof.setStopIndex(t.getStartIndex() - 1);
                return eof;
            }
            switch (t.getType()) {
                case CnnLexer.ERROR_CHAR:
                    report.error("E0103", t, "unexpected character " + describe(t.getText()), hintFor(t.getText()));
                    break;
                case CnnLexer.UNTERMINATED_STRING:
                    report.error("E0109", t, "the string " + t.getText() + " is not closed before the end of the line",
                            "add the closing '\"'");
                    break;
                case CnnLexer.UNTERMINATED_COMMENT:
                    report.error("E0102", t, "the comment '/*' is never closed", "add '*/' where the comment ends");
                    report.commentRunsToEnd();
                    break;
                default:
                    return t;
            }
        }
    }

    private static String describe(String text) {
        int cp = text.codePointAt(0);
        if (cp < 32 || cp == 127) {
            return String.format("U+%04X", cp);
        }
        return "'" + text + "'" + (cp > 127 ? String.format(" (U+%04X)", cp) : "");
    }

    private static String hintFor(String text) {
        switch (text) {
            case "×":
                return "write shapes with the letter x: 28x28x1";
            case "'":
                return "file names are written in double quotes";
            case "&":
                return "write 'and'";
            case "|":
                return "write 'or'";
            case "!":
                return "write 'not'";
            case "#":
                return "comments start with //";
            default:
                return null;
        }
    }

    @Override
    public int getLine() {
        return lexer.getLine();
    }

    @Override
    public int getCharPositionInLine() {
        return lexer.getCharPositionInLine();
    }

    @Override
    public CharStream getInputStream() {
        return lexer.getInputStream();
    }

    @Override
    public String getSourceName() {
        return lexer.getSourceName();
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        lexer.setTokenFactory(factory);
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return lexer.getTokenFactory();
    }
}
