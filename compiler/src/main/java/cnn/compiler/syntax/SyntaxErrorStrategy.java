package cnn.compiler.syntax;

import cnn.grammar.CnnParser;
import java.util.List;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery (it goes on after an error, so every mistake of a file is found) with our
 * own words for what went wrong (E0101, E0104).
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {

    private final SyntaxReport report;

    SyntaxErrorStrategy(SyntaxReport report) {
        this.report = report;
    }

    /**
     * ANTLR's expected set here is the one at the start of the decision, which is wrong when the
     * decision failed a few tokens later (`model = 3` would say "expected 'model'"); then only
     * what was found is said.
     */
    @Override
    protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
        boolean atStart = e.getStartToken() == null
                || e.getStartToken().getTokenIndex() == e.getOffendingToken().getTokenIndex();
        unexpected(parser, e.getOffendingToken(), atStart ? e.getExpectedTokens() : null);
    }

    @Override
    protected void reportInputMismatch(Parser parser, InputMismatchException e) {
        unexpected(parser, e.getOffendingToken(), e.getExpectedTokens());
    }

    @Override
    protected void reportFailedPredicate(Parser parser, FailedPredicateException e) {
        unexpected(parser, e.getOffendingToken(), null);
    }

    @Override
    protected void reportUnwantedToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        unexpected(parser, parser.getCurrentToken(), getExpectedTokens(parser));
    }

    @Override
    protected void reportMissingToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        unexpected(parser, parser.getCurrentToken(), getExpectedTokens(parser));
    }

    private void unexpected(Parser parser, Token found, IntervalSet expected) {
        Token bracket = unclosedBracket(parser.getInputStream(), found);
        if (bracket != null) {
            report.error("E0104", bracket, "this '" + bracket.getText() + "' is never closed",
                    "add '" + (bracket.getText().equals("[") ? "]" : ")") + "' where the list of values ends");
            return;
        }
        if (parser.getContext() instanceof CnnParser.EndContext) {
            report.error("E0101", found, "expected a newline or ';' after the statement, found " + TokenWords.found(found),
                    hint(found, expected));
            return;
        }
        if (found.getType() == CnnParser.ASSIGN) {
            Token before = previous(parser.getInputStream(), found);
            if (before != null && TokenWords.isKeyword(before.getType())) {
                report.error("E0101", before, "'" + before.getText() + "' is a reserved word and cannot be used as a name",
                        "choose another name, e.g. " + before.getText() + "_");
                return;
            }
        }
        if (found.getType() == Token.EOF || TokenWords.isSyntheticEnd(found)) {
            if (report.commentRunsToEndSeen()) {
                return;
            }
            Token open = unclosedBrace(parser.getInputStream());
            if (open != null) {
                report.error("E0104", open, "this '{' is never closed: the file ends first",
                        "add '}' at the end of the block or model");
                return;
            }
        }
        List<String> words = expected == null ? List.of() : TokenWords.expected(expected);
        String what = TokenWords.found(found);
        if (TokenWords.isKeyword(found.getType()) && expected != null && expected.contains(CnnParser.ID)
                && words.size() <= 3) {
            report.error("E0101", found, "'" + found.getText() + "' is a reserved word and cannot be used as a name",
                    "choose another name, e.g. " + found.getText() + "_");
            return;
        }
        if (words.isEmpty() || words.size() > 6) {
            report.error("E0101", found, "unexpected " + what, hint(found, expected));
            return;
        }
        report.error("E0101", found, "expected " + TokenWords.join(words) + ", found " + what, hint(found, expected));
    }

    private static String hint(Token found, IntervalSet expected) {
        if (expected == null) {
            return null;
        }
        if (expected.contains(CnnParser.MODEL) && expected.contains(CnnParser.BLOCK)
                && (found.getType() == CnnParser.ID || found.getType() == CnnParser.INPUT)) {
            return "layers go inside a model or block: model NAME { input 28x28x1 … }";
        }
        if (found.getType() == CnnParser.ASSIGN) {
            return "named arguments go in a call whose '(' follows the name without a space: basic(128, s=2)";
        }
        if (found.getType() == CnnParser.LBRACE && expected.contains(CnnParser.CALL_LPAREN)) {
            return "a block's parameters come right after its name, without a space: block NAME(a, b = 1) { … }";
        }
        return null;
    }

    /**
     * A '(' or '[' on an earlier line than {@code found} that is still open there: newlines do
     * not end statements inside brackets, so a missing ')' shows up only lines later.
     */
    private static Token unclosedBracket(TokenStream tokens, Token found) {
        java.util.ArrayDeque<Token> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < found.getTokenIndex() && i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int type = t.getType();
            if (type == CnnParser.LPAREN || type == CnnParser.CALL_LPAREN || type == CnnParser.LBRACK) {
                open.push(t);
            } else if ((type == CnnParser.RPAREN || type == CnnParser.RBRACK) && !open.isEmpty()) {
                open.pop();
            } else if (type == CnnParser.NEWLINE || type == CnnParser.LBRACE || type == CnnParser.RBRACE) {
                open.clear();
            }
        }
        Token innermost = open.peek();
        return innermost != null && innermost.getLine() < found.getLine() ? innermost : null;
    }

    /** The token the parser saw before {@code t}, skipping comments and spaces. */
    private static Token previous(TokenStream tokens, Token t) {
        for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
            Token p = tokens.get(i);
            if (p.getChannel() == Token.DEFAULT_CHANNEL) {
                return p;
            }
        }
        return null;
    }

    /** The first '{' without its '}', scanning the whole file. */
    private static Token unclosedBrace(TokenStream tokens) {
        java.util.ArrayDeque<Token> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getType() == CnnParser.LBRACE) {
                open.push(t);
            } else if (t.getType() == CnnParser.RBRACE && !open.isEmpty()) {
                open.pop();
            }
        }
        return open.isEmpty() ? null : open.peekLast();
    }
}
