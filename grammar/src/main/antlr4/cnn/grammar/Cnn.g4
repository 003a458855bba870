/*
 * The .cnn language (SPEC §1).
 *
 * Statements end at a newline or ';'. Newlines inside ( ) and [ ] do not end a statement:
 * the lexer drops them there (see nextToken below), so the parser only sees NEWLINE tokens
 * that end something. The lexer also:
 *   - turns a '(' written right after a name (no space) into CALL_LPAREN, so that
 *     `basic(128, s=2)` is a call while `zeropad (1, 1, 2, 2)` is an op with a tuple;
 *   - reads '//' right after an operand as integer division when what follows reads as its
 *     right operand (`in.c // 2, 1`, `(k // 2, k // 2)`, `in.c // r relu` with r declared),
 *     and as a comment otherwise (`conv 6, 5 tanh  // C1`, `dense 10  // 10 classes`);
 *   - adds a NEWLINE before EOF when the file does not end with one.
 *
 * Ops, blocks and activations are plain names resolved later; only the words below are reserved.
 */
grammar Cnn;

// made by nextToken, never matched by a lexer rule: CALL_LPAREN from a LPAREN that directly
// follows a name, INTDIV from the start of a '//' that reads as division (see divisionAt)
tokens { CALL_LPAREN, INTDIV }

@parser::members {
    /** A statement may end right before the '}' that closes its body, or at the end of the file. */
    private boolean atEnd() {
        int t = _input.LA(1);
        return t == RBRACE || t == EOF;
    }
}

@lexer::members {
    /** Depth of ( and [ nesting; newlines inside are not statement ends. */
    private int bracketDepth = 0;
    /** The last token handed to the parser (default channel), for call-paren and '//' decisions. */
    private Token lastToken = null;
    /** A token read ahead (the EOF after a synthetic NEWLINE). */
    private Token pending = null;

    /**
     * The '//' read as division outside ( ) and [ ]: there a comment after a value, as in
     * `dense 10 // 10`, reads the same, so the front end warns about each (W0104).
     */
    public final java.util.List<Token> bareDivisions = new java.util.ArrayList<>();

    private static final java.util.Set<String> ACTIVATION_WORDS = java.util.Set.of("relu", "relu6", "leaky",
            "sigmoid", "tanh", "swish", "softmax", "linear", "flatten", "globalavgpool", "globalmaxpool", "batchnorm");

    /** Names the file declares (constants, block parameters, loop variables), found once. */
    private java.util.Set<String> declared = null;

    private boolean lastIsOperand() {
        if (lastToken == null) {
            return false;
        }
        switch (lastToken.getType()) {
            case INT: case FLOAT: case RPAREN: case RBRACK:
                return true;
            case ID:
                return !ACTIVATION_WORDS.contains(lastToken.getText());
            default:
                return false;
        }
    }

    private int at(int index) {
        return index < _input.size() ? _input.getText(org.antlr.v4.runtime.misc.Interval.of(index, index)).charAt(0) : -1;
    }

    private static boolean isWordChar(int c) {
        return c == '_' || Character.isLetterOrDigit(c) && c < 128;
    }

    /**
     * Whether the '//' at {@code start} is integer division. Inside brackets it is, after an
     * operand. Elsewhere it is when the text after it reads as a right operand (a number, a
     * parenthesis, in.x, or a name the file declares) followed by what may follow an operand
     * (the end of the line, ',', ')', an operator, ':', an activation or a name=value).
     */
    private boolean divisionAt(int start) {
        if (!lastIsOperand()) {
            return false;
        }
        if (bracketDepth > 0) {
            return true;
        }
        int i = start + 2;
        while (at(i) == ' ' || at(i) == '\t') {
            i++;
        }
        int c = at(i);
        if (c >= '0' && c <= '9') {
            while (at(i) >= '0' && at(i) <= '9' || at(i) == '.') {
                i++;
            }
            if (isWordChar(at(i))) {
                return false;   // 14x14, 3rd: words, not a number
            }
        } else if (c == '(') {
            int depth = 0;
            do {
                int d = at(i);
                if (d == -1 || d == '\n' || d == '\r') {
                    return false;
                }
                depth += d == '(' ? 1 : d == ')' ? -1 : 0;
                i++;
            } while (depth > 0);
        } else if (isWordChar(c)) {
            int begin = i;
            while (isWordChar(at(i))) {
                i++;
            }
            String word = _input.getText(org.antlr.v4.runtime.misc.Interval.of(begin, i - 1));
            if (word.equals("in") && at(i) == '.') {
                i += 2;
                while (isWordChar(at(i))) {
                    i++;
                }
            } else if (!declaredNames().contains(word)) {
                return false;
            }
        } else {
            return false;
        }
        while (at(i) == ' ' || at(i) == '\t') {
            i++;
        }
        int next = at(i);
        if (next == -1 || next == '\n' || next == '\r' || next == ',' || next == ')' || next == ']' || next == ';'
                || next == '}' || next == ':' || next == '?' || next == '*' || next == '%' || next == '+'
                || next == '<' || next == '>' || next == '!' || next == '/') {
            return true;
        }
        if (next == '-') {
            return at(i + 1) != '>';
        }
        if (next == '=') {
            return at(i + 1) == '=';
        }
        if (isWordChar(next)) {
            int begin = i;
            while (isWordChar(at(i))) {
                i++;
            }
            String word = _input.getText(org.antlr.v4.runtime.misc.Interval.of(begin, i - 1));
            while (at(i) == ' ') {
                i++;
            }
            return ACTIVATION_WORDS.contains(word) || word.equals("and") || word.equals("or") || at(i) == '=';
        }
        return false;
    }

    private java.util.Set<String> declaredNames() {
        if (declared == null) {
            declared = new java.util.HashSet<>();
            String text = _input.getText(org.antlr.v4.runtime.misc.Interval.of(0, _input.size() - 1));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bconst\\s+([A-Za-z_]\\w*)").matcher(text);
            while (m.find()) {
                declared.add(m.group(1));
            }
            m = java.util.regex.Pattern.compile("\\bfor\\s+([A-Za-z_]\\w*)\\s+in\\b").matcher(text);
            while (m.find()) {
                declared.add(m.group(1));
            }
            m = java.util.regex.Pattern.compile("\\bblock\\s+\\w+\\s*\\(([^)]*)\\)").matcher(text);
            while (m.find()) {
                for (String param : m.group(1).split(",")) {
                    String name = param.split("=")[0].trim();
                    if (!name.isEmpty()) {
                        declared.add(name);
                    }
                }
            }
        }
        return declared;
    }

    @Override
    public Token nextToken() {
        while (true) {
            Token t;
            if (pending != null) {
                t = pending;
                pending = null;
            } else {
                t = super.nextToken();
            }
            int type = t.getType();
            if (type == EOF) {
                if (lastToken != null && lastToken.getType() != NEWLINE && lastToken.getType() != SEMI) {
                    pending = t;
                    CommonToken nl = new CommonToken(_tokenFactorySourcePair, NEWLINE, DEFAULT_TOKEN_CHANNEL,
                            t.getStartIndex(), t.getStartIndex() - 1);
                    nl.setText("<end of file>");
                    nl.setLine(t.getLine());
                    nl.setCharPositionInLine(t.getCharPositionInLine());
                    lastToken = nl;
                    return nl;
                }
                lastToken = t;
                return t;
            }
            if (type == LINE_COMMENT && divisionAt(t.getStartIndex())) {
                // not a comment after all: hand over '//' and lex the rest of the line again
                _input.seek(t.getStartIndex() + 2);
                setLine(t.getLine());
                setCharPositionInLine(t.getCharPositionInLine() + 2);
                CommonToken div = new CommonToken(_tokenFactorySourcePair, CnnParser.INTDIV, DEFAULT_TOKEN_CHANNEL,
                        t.getStartIndex(), t.getStartIndex() + 1);
                div.setLine(t.getLine());
                div.setCharPositionInLine(t.getCharPositionInLine());
                if (bracketDepth == 0) {
                    bareDivisions.add(div);
                }
                lastToken = div;
                return div;
            }
            if (t.getChannel() != DEFAULT_TOKEN_CHANNEL) {
                return t;
            }
            switch (type) {
                case NEWLINE:
                    if (bracketDepth > 0) {
                        continue;
                    }
                    break;
                case LPAREN:
                    if (lastToken != null
                            && (lastToken.getType() == ID || lastToken.getType() == ADD || lastToken.getType() == CONCAT)
                            && lastToken.getStopIndex() + 1 == t.getStartIndex()) {
                        ((CommonToken) t).setType(CnnParser.CALL_LPAREN);
                    }
                    bracketDepth++;
                    break;
                case LBRACK:
                    bracketDepth++;
                    break;
                case RPAREN:
                case RBRACK:
                    bracketDepth = Math.max(0, bracketDepth - 1);
                    break;
                case LBRACE: case RBRACE: case MODEL: case BLOCK: case CONST: case IMPORT: case PACKAGE:
                    // never inside ( ) or [ ]: an unclosed bracket must not swallow the rest of the file
                    bracketDepth = 0;
                    break;
                default:
                    break;
            }
            lastToken = t;
            return t;
        }
    }
}

// ---------------------------------------------------------------- parser

// Every item of a file or body ends at a separator or just before '}' (see `end`). Making the
// end part of the line keeps ANTLR's recovery inside the body after a bad statement, so the
// statements after it are still checked.
file        : topLine* EOF ;
topLine     : sep
            | topItem end
            ;

topItem     : packageDecl
            | importDecl
            | constDecl
            | blockDecl
            | modelDecl
            | stmt                  // a layer outside any model: reported in words by the parser
            ;

packageDecl : PACKAGE qualifiedName ;
qualifiedName : ID (DOT ID)* ;
importDecl  : IMPORT STRING ;
constDecl   : CONST ID ASSIGN expr ;

blockDecl   : BLOCK ID ((CALL_LPAREN | LPAREN) (param (COMMA param)* COMMA?)? RPAREN)? block ;
param       : ID (ASSIGN expr)? ;

modelDecl   : MODEL ID ASSIGN SLIDE detector=ID OVER expr     # slideModel
            | MODEL ID block                                   # bodyModel
            ;

// Model and block bodies share one rule; the AST builder says which items belong where.
block       : LBRACE bodyLine* RBRACE ;
bodyLine    : sep
            | bodyItem end
            ;

bodyItem    : inputDecl
            | outputDecl
            | trainDecl
            | stmt
            ;

end         : sep
            | {atEnd()}?
            ;

inputDecl   : INPUT ID? expr ;
outputDecl  : OUTPUT tensorRef (COMMA tensorRef)* ;
trainDecl   : TRAIN LBRACE trainLine* RBRACE ;
trainLine   : sep
            | trainEntry end
            ;
trainEntry  : key=ID items? ;

stmt        : (target=ID ASSIGN)? action assertion? ;
assertion   : COLON expr ;

action      : RESIDUAL (IF cond=expr)? block shortcut? activation?             # residualAction
            | kind=(CONCAT | ADD) LBRACE sep* (branch sep*)+ RBRACE activation? # branchMergeAction
            | kind=(CONCAT | ADD) (CALL_LPAREN | LPAREN) tensorRef (COMMA tensorRef)* COMMA? RPAREN activation? # namedMergeAction
            | FROM tensorRef                                                     # fromAction
            | REPEAT expr block                                                  # repeatAction
            | FOR var=ID IN from=expr DOTDOT to=expr block                       # forAction
            | ifChain                                                            # ifAction
            | USE model=ID (UNTIL tensorRef)? FROZEN?                            # useAction
            | FROZEN block                                                       # frozenAction
            | callee=ID (CALL_LPAREN args? RPAREN)? items?                       # invokeAction
            ;

shortcut    : SHORTCUT (IF expr)? block ;
branch      : BRANCH block ;
ifChain     : IF expr block (ELSE (block | ifChain))? ;
activation  : ID ((CALL_LPAREN | LPAREN) expr RPAREN)? ;
tensorRef   : ID | INPUT ;

// An op's arguments: positional values, then name=value pairs, then maybe an activation.
// Commas between them are optional, as in `conv 32, 3 stride=2 relu`.
items       : item (COMMA? item)* ;
// `stride=` without a value parses, so the AST builder can say which argument lacks its value
item        : ID ASSIGN expr?
            | expr
            ;
args        : arg (COMMA arg)* COMMA? ;
arg         : ID ASSIGN expr?
            | expr
            ;

expr        : primary                                                   # primaryExpr
            | op=(MINUS | PLUS) expr                                    # unaryExpr
            | expr op=(STAR | SLASH | INTDIV | PERCENT) expr            # mulExpr
            | expr op=(PLUS | MINUS) expr                               # addExpr
            | expr op=(LT | LE | GT | GE | EQ | NE) expr                # compareExpr
            | NOT expr                                                  # notExpr
            | expr AND expr                                             # andExpr
            | expr OR expr                                              # orExpr
            | <assoc=right> expr QUESTION expr COLON expr               # condExpr
            ;

primary     : INT                                                       # intLit
            | FLOAT                                                     # floatLit
            | SHAPE                                                     # shapeLit
            | TRUE                                                      # trueLit
            | FALSE                                                     # falseLit
            | IN DOT ID                                                 # inDim
            | ID CALL_LPAREN args? RPAREN                               # callExpr
            | ID                                                        # nameRef
            // one alternative for `(e)` and `(a, b)`: two would make the parser read to the
            // matching ')' at every '(' to choose, quadratic in the nesting depth
            | LPAREN expr ((COMMA expr)+ COMMA?)? RPAREN                # parenExpr
            | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK                # listExpr
            ;

sep         : NEWLINE | SEMI ;

// ---------------------------------------------------------------- lexer

PACKAGE     : 'package' ;
IMPORT      : 'import' ;
CONST       : 'const' ;
BLOCK       : 'block' ;
MODEL       : 'model' ;
SLIDE       : 'slide' ;
OVER        : 'over' ;
INPUT       : 'input' ;
OUTPUT      : 'output' ;
TRAIN       : 'train' ;
RESIDUAL    : 'residual' ;
SHORTCUT    : 'shortcut' ;
CONCAT      : 'concat' ;
ADD         : 'add' ;
BRANCH      : 'branch' ;
FROM        : 'from' ;
REPEAT      : 'repeat' ;
FOR         : 'for' ;
IN          : 'in' ;
IF          : 'if' ;
ELSE        : 'else' ;
USE         : 'use' ;
UNTIL       : 'until' ;
FROZEN      : 'frozen' ;
AND         : 'and' ;
OR          : 'or' ;
NOT         : 'not' ;
TRUE        : 'true' ;
FALSE       : 'false' ;

// 28x28x1, 5x5, 1x7: a shape or kernel written as one word
SHAPE       : DIGITS 'x' DIGITS ('x' DIGITS)* ;
FLOAT       : DIGITS '.' DIGITS EXPONENT?
            | DIGITS EXPONENT
            ;
INT         : DIGITS ;
ID          : [A-Za-z_] [A-Za-z0-9_]* ;
STRING      : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* ;

DOTDOT      : '..' ;
DOT         : '.' ;
COMMA       : ',' ;
SEMI        : ';' ;
COLON       : ':' ;
QUESTION    : '?' ;
EQ          : '==' ;
NE          : '!=' ;
LE          : '<=' ;
GE          : '>=' ;
LT          : '<' ;
GT          : '>' ;
ASSIGN      : '=' ;
PLUS        : '+' ;
MINUS       : '-' ;
STAR        : '*' ;
SLASH       : '/' ;
PERCENT     : '%' ;
LPAREN      : '(' ;
RPAREN      : ')' ;
LBRACK      : '[' ;
RBRACK      : ']' ;
LBRACE      : '{' ;
RBRACE      : '}' ;

NEWLINE     : '\r'? '\n' | '\r' ;
LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
// a '/*' with no '*/' after it: reported as such instead of as a stray '/'
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF ;
WS          : [ \t\f]+ -> channel(HIDDEN) ;
ERROR_CHAR  : . ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;
