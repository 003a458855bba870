package cnn.compiler.syntax;

import cnn.compiler.diag.SourceSpan;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Source spans from tokens: 1-based lines and columns, the end exclusive of its column. */
final class Spans {

    private Spans() {
    }

    static SourceSpan of(String file, Token token) {
        int line = token.getLine();
        int col = token.getCharPositionInLine() + 1;
        String text = token.getText();
        int length = text == null || token.getType() == Token.EOF ? 1 : Math.max(1, text.length());
        return new SourceSpan(file, line, col, line, col + length);
    }

    static SourceSpan of(String file, ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() != null ? ctx.getStop() : start;
        SourceSpan end = of(file, stop);
        if (stop.getTokenIndex() < start.getTokenIndex()) {
            end = of(file, start);
        }
        return new SourceSpan(file, start.getLine(), start.getCharPositionInLine() + 1, end.endLine(), end.endColumn());
    }

    static SourceSpan between(SourceSpan from, SourceSpan to) {
        return new SourceSpan(from.file(), from.line(), from.column(), to.endLine(), to.endColumn());
    }
}
