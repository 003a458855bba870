package cnn.compiler.syntax;

import cnn.grammar.CnnParser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * The bounds that keep compiling a hostile file within time and memory: a file's size, its
 * number of tokens, and how deep its brackets, blocks and operator chains nest. Each stage
 * after the parser walks the tree recursively, so a depth checked here is a stack depth none
 * of them can exceed; real models stay far below every bound (ResNet-50 nests 4 deep and has
 * about 600 tokens).
 */
public final class SourceLimits {

    /** Characters of one source file (1 MiB); a 10 MB file is refused before it is parsed. */
    public static final int MAX_CHARS = 1 << 20;
    /** Tokens of one file: the parse tree costs about 300 bytes per token, so this bounds it to ~60 MB. */
    public static final int MAX_TOKENS = 200_000;
    /** ( [ { inside one another. */
    public static final int MAX_NESTING = 64;
    /**
     * Operators still open at one point: a chain {@code 1 + 1 + …} is a tree as deep as it is
     * long, and the parser's prediction of a chain is quadratic in its length.
     */
    public static final int MAX_OPERATORS = 64;
    /**
     * '+' and '-' outside brackets in one statement. An op's arguments need no commas, so after
     * a value a '-' may start a new argument ({@code conv 8 -1}); the parser reads it as
     * subtraction, but only after reading the rest of the statement at every such sign, and a
     * file with a syntax error is parsed again in a mode that costs far more per step: 18,000
     * such signs in one statement took 15 s.
     */
    public static final int MAX_SIGNS = 32;

    /**
     * Characters of a name: names become Java identifiers and file names (a file name has at
     * most 255 bytes) and are joined into layer names, one part per block scope.
     */
    public static final int MAX_NAME = 100;

    private SourceLimits() {
    }

    /** A bound that a token exceeds: the token, and what to say. */
    record Breach(String code, Token at, String message, String hint) {
    }

    /** The first token that nests too deeply or is too long a name, or null. */
    static Breach check(List<Token> tokens) {
        // per open bracket: its token type and the operators of the chain at its level; a ',',
        // ';' or newline ends a chain. Like the lexer, a '{' or '}' or a top-level keyword
        // closes the ( and [ left open before it, so an unclosed '(' is not counted twice.
        Deque<int[]> open = new ArrayDeque<>();
        open.push(new int[] {CnnParser.LBRACE, 0});
        int operators = 0;
        int signs = 0;
        for (Token t : tokens) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            int type = t.getType();
            if (type == CnnParser.ID && t.getText().length() > MAX_NAME) {
                return new Breach("E0111", t, String.format("the name %s… has %,d characters; a name may have at most %d",
                        t.getText().substring(0, 20), t.getText().length(), MAX_NAME), "use a shorter name");
            }
            boolean outsideBrackets = open.peek()[0] == CnnParser.LBRACE;
            if (outsideBrackets && (type == CnnParser.PLUS || type == CnnParser.MINUS) && ++signs > MAX_SIGNS) {
                return new Breach("E0108", t, "the statement has more than " + MAX_SIGNS
                        + " '+' and '-' outside brackets", "compute the values in constants");
            }
            if (outsideBrackets && (type == CnnParser.NEWLINE || type == CnnParser.SEMI || type == CnnParser.LBRACE
                    || type == CnnParser.RBRACE)) {
                signs = 0;
            }
            switch (type) {
                case CnnParser.LPAREN: case CnnParser.CALL_LPAREN: case CnnParser.LBRACK: case CnnParser.LBRACE:
                    if (type == CnnParser.LBRACE) {
                        operators -= closeBrackets(open);
                    }
                    if (open.size() > MAX_NESTING) {
                        return new Breach("E0108", t, "brackets and blocks are nested more than " + MAX_NESTING + " deep here",
                                "move the inner part into a constant or a block");
                    }
                    open.push(new int[] {type, 0});
                    break;
                case CnnParser.RPAREN: case CnnParser.RBRACK:
                    if (open.peek()[0] != CnnParser.LBRACE) {
                        operators -= open.pop()[1];
                    }
                    break;
                case CnnParser.RBRACE:
                    operators -= closeBrackets(open);
                    if (open.size() > 1) {
                        operators -= open.pop()[1];
                    }
                    break;
                case CnnParser.MODEL: case CnnParser.BLOCK: case CnnParser.CONST: case CnnParser.IMPORT:
                case CnnParser.PACKAGE:
                    operators -= closeBrackets(open);
                    break;
                case CnnParser.COMMA: case CnnParser.SEMI: case CnnParser.NEWLINE:
                    operators -= open.peek()[1];
                    open.peek()[1] = 0;
                    break;
                case CnnParser.PLUS: case CnnParser.MINUS: case CnnParser.STAR: case CnnParser.SLASH:
                case CnnParser.INTDIV: case CnnParser.PERCENT: case CnnParser.LT: case CnnParser.LE: case CnnParser.GT:
                case CnnParser.GE: case CnnParser.EQ: case CnnParser.NE: case CnnParser.AND: case CnnParser.OR:
                case CnnParser.NOT: case CnnParser.QUESTION: case CnnParser.COLON:
                    open.peek()[1]++;
                    operators++;
                    if (operators > MAX_OPERATORS) {
                        return new Breach("E0108", t, "the expression is too long: more than " + MAX_OPERATORS
                                + " operators in a row", "split it into constants");
                    }
                    break;
                default:
                    break;
            }
        }
        return null;
    }

    /** Pops the ( and [ levels above the innermost brace; returns their operators. */
    private static int closeBrackets(Deque<int[]> open) {
        int operators = 0;
        while (open.size() > 1 && open.peek()[0] != CnnParser.LBRACE) {
            operators += open.pop()[1];
        }
        return operators;
    }
}
