package cnn.compiler.syntax;

import cnn.grammar.CnnParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Says in words what the parser expected and what it found, instead of ANTLR's token dump:
 * "expected a newline or ';', found 'conv'".
 */
final class TokenWords {

    private static final int[] EXPRESSION_START = {
        CnnParser.INT, CnnParser.FLOAT, CnnParser.SHAPE, CnnParser.TRUE, CnnParser.FALSE, CnnParser.IN,
        CnnParser.ID, CnnParser.LPAREN, CnnParser.LBRACK, CnnParser.MINUS, CnnParser.PLUS, CnnParser.NOT,
    };

    private static final int[] STATEMENT_START = {
        CnnParser.RESIDUAL, CnnParser.CONCAT, CnnParser.ADD, CnnParser.FROM, CnnParser.REPEAT, CnnParser.FOR,
        CnnParser.IF, CnnParser.USE, CnnParser.FROZEN, CnnParser.ID, CnnParser.INPUT, CnnParser.OUTPUT,
        CnnParser.TRAIN,
    };

    private static final int[] OPERATORS = {
        CnnParser.STAR, CnnParser.SLASH, CnnParser.INTDIV, CnnParser.PERCENT, CnnParser.PLUS, CnnParser.MINUS,
        CnnParser.LT, CnnParser.LE, CnnParser.GT, CnnParser.GE, CnnParser.EQ, CnnParser.NE, CnnParser.AND,
        CnnParser.OR, CnnParser.QUESTION,
    };

    private static final int[] DECLARATIONS = {
        CnnParser.PACKAGE, CnnParser.IMPORT, CnnParser.CONST, CnnParser.BLOCK, CnnParser.MODEL,
    };

    private TokenWords() {
    }

    static boolean isKeyword(int type) {
        return type >= CnnParser.PACKAGE && type <= CnnParser.FALSE;
    }

    /** What was found: {@code 'conv'}, "the end of the line", "the end of the file". */
    static String found(Token t) {
        if (t.getType() == Token.EOF || isSyntheticEnd(t)) {
            return "the end of the file";
        }
        if (t.getType() == CnnParser.NEWLINE) {
            return "the end of the line";
        }
        return "'" + t.getText() + "'";
    }

    /** The NEWLINE the lexer adds before EOF. */
    static boolean isSyntheticEnd(Token t) {
        return t.getType() == CnnParser.NEWLINE && "<end of file>".equals(t.getText());
    }

    /** The expected tokens as a short list of phrases, most general first. */
    static List<String> expected(IntervalSet set) {
        Set<Integer> rest = new LinkedHashSet<>(set.toList());
        List<String> words = new ArrayList<>();
        if (rest.contains(CnnParser.MODEL) && rest.contains(CnnParser.BLOCK)) {
            removeAll(rest, DECLARATIONS);
            words.add("a declaration (model, block, const or import)");
        }
        if (rest.contains(CnnParser.RESIDUAL) && rest.contains(CnnParser.FROM)) {
            removeAll(rest, STATEMENT_START);
            words.add("a statement");
        }
        if (rest.contains(CnnParser.ID) && rest.contains(CnnParser.INT) && rest.contains(CnnParser.LPAREN)) {
            removeAll(rest, EXPRESSION_START);
            words.add("a value");
        }
        if (rest.contains(CnnParser.STAR) && rest.contains(CnnParser.PLUS)) {
            removeAll(rest, OPERATORS);
            words.add("an operator");
        }
        if (rest.contains(CnnParser.NEWLINE) || rest.contains(CnnParser.SEMI)) {
            rest.remove(CnnParser.NEWLINE);
            rest.remove(CnnParser.SEMI);
            words.add("a newline or ';'");
        }
        if (rest.contains(CnnParser.INT) || rest.contains(CnnParser.FLOAT)) {
            rest.remove(CnnParser.INT);
            rest.remove(CnnParser.FLOAT);
            words.add("a number");
        }
        if (rest.contains(CnnParser.LPAREN) && rest.contains(CnnParser.CALL_LPAREN)) {
            rest.remove(CnnParser.CALL_LPAREN);
        }
        for (int type : rest) {
            words.add(one(type));
        }
        return words;
    }

    private static String one(int type) {
        switch (type) {
            case Token.EOF:
                return "the end of the file";
            case CnnParser.ID:
                return "a name";
            case CnnParser.SHAPE:
                return "a shape such as 28x28x1";
            case CnnParser.STRING:
                return "a quoted file name";
            case CnnParser.CALL_LPAREN:
                return "'('";
            default:
                String literal = CnnParser.VOCABULARY.getLiteralName(type);
                return literal != null ? literal : CnnParser.VOCABULARY.getDisplayName(type).toLowerCase();
        }
    }

    /** "a, b or c". */
    static String join(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static void removeAll(Set<Integer> set, int[] types) {
        for (int t : types) {
            set.remove(t);
        }
    }
}
