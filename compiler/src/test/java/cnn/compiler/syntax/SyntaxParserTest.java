package cnn.compiler.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.diag.Diagnostic;
import cnn.compiler.diag.Reporter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The grammar of SPEC §1: statements, separators, brackets, comments, tokens, recovery. */
class SyntaxParserTest {

    private static SourceFile parse(String text) {
        Reporter r = new Reporter();
        Optional<SourceFile> f = SyntaxParser.parse("t.cnn", text, r);
        assertTrue(r.diagnostics().isEmpty(), () -> "unexpected: " + r.diagnostics());
        return f.orElseThrow();
    }

    private static List<Diagnostic> errors(String text) {
        Reporter r = new Reporter();
        Optional<SourceFile> f = SyntaxParser.parse("t.cnn", text, r);
        assertFalse(f.isPresent(), "a file with syntax errors has no AST");
        return r.diagnostics();
    }

    private static List<Stmt> body(String statements) {
        SourceFile f = parse("model M {\n    input 8x8x1\n" + statements + "\n}\n");
        return ((Decl.Model) f.decls().get(0)).body();
    }

    @Test
    void semicolonsAndNewlinesEndStatements() {
        assertEquals(3, body("    conv 8, 3; relu\n\n    flatten").size());
        assertEquals(2, body("    conv 8, 3;;; relu;").size());
    }

    @Test
    void newlinesInsideParenthesesAndBracketsDoNotEndAStatement() {
        List<Stmt> s = body("""
                    conv 1, 3 weights=[
                        [1, 0, -1],
                        [1, 0, -1],
                        [1, 0, -1]
                    ] bias=false
                    zeropad (1,
                             2, 3,
                             4)
                """);
        assertEquals(2, s.size());
        Stmt.Invoke conv = (Stmt.Invoke) s.get(0);
        assertEquals(List.of("weights", "bias"), conv.items().stream().filter(Arg::isNamed)
                .map(a -> a.name().get().name()).toList());
    }

    @Test
    void aCallNeedsItsParenthesisRightAfterTheName() {
        Stmt.Invoke call = (Stmt.Invoke) body("    basic(128, s=2)").get(0);
        assertTrue(call.callArgs().isPresent());
        assertEquals(2, call.callArgs().get().size());
        Stmt.Invoke op = (Stmt.Invoke) body("    zeropad (1, 1, 2, 2)").get(0);
        assertTrue(op.callArgs().isEmpty());
        assertInstanceOf(Expr.Tuple.class, op.items().get(0).value());
    }

    @Test
    void shapesAndKernelsAreOneWord() {
        Stmt.Invoke conv = (Stmt.Invoke) body("    conv 8, 1x7 : 8x2x8").get(0);
        assertEquals(new Expr.ShapeLit(List.of(1L, 7L), conv.items().get(1).value().span()), conv.items().get(1).value());
        assertEquals(List.of(8L, 2L, 8L), ((Expr.ShapeLit) conv.assertion().get()).dims());
        // an identifier may contain x
        Stmt.Invoke named = (Stmt.Invoke) body("    conv max_x, x2").get(0);
        assertInstanceOf(Expr.NameRef.class, named.items().get(0).value());
    }

    @Test
    void commentsAndIntegerDivision() {
        Reporter r = new Reporter();
        SourceFile f = SyntaxParser.parse("t.cnn", """
                model M {
                    input 8x8x1
                    conv 6, 5 tanh   // C1
                    /* a block
                       comment */ conv 8, (K // 2, K // 2)
                    conv in.c // 2, 1 // half the channels
                    dense 10 // 10 classes
                }
                """, r).orElseThrow();
        // the one '//' outside brackets read as division is pointed out (W0104), nothing else
        assertEquals(List.of("W0104 6:15"), r.diagnostics().stream()
                .map(d -> d.code() + " " + d.span().line() + ":" + d.span().column()).toList());
        List<Stmt> s = ((Decl.Model) f.decls().get(0)).body();
        assertEquals(4, s.size());
        assertEquals(3, ((Stmt.Invoke) s.get(0)).items().size());
        Expr.Tuple t = (Expr.Tuple) ((Stmt.Invoke) s.get(1)).items().get(1).value();
        assertEquals(Expr.BinaryOp.INTDIV, ((Expr.Binary) t.items().get(0)).op());
        Expr.Binary half = (Expr.Binary) ((Stmt.Invoke) s.get(2)).items().get(0).value();
        assertEquals(Expr.BinaryOp.INTDIV, half.op());
        assertEquals(1, ((Stmt.Invoke) s.get(3)).items().size());
    }

    @Test
    void operatorsBindAsUsual() {
        SourceFile f = parse("const X = not 1 + 2 * 3 > 4 and 5 < 6 or false ? 7 : 8\n");
        Expr e = ((Decl.Const) f.decls().get(0)).value();
        Expr.Cond c = assertInstanceOf(Expr.Cond.class, e);
        Expr.Binary or = assertInstanceOf(Expr.Binary.class, c.cond());
        assertEquals(Expr.BinaryOp.OR, or.op());
        Expr.Binary and = assertInstanceOf(Expr.Binary.class, or.left());
        assertEquals(Expr.BinaryOp.AND, and.op());
        Expr.Unary not = assertInstanceOf(Expr.Unary.class, and.left());
        Expr.Binary gt = assertInstanceOf(Expr.Binary.class, not.operand());
        assertEquals(Expr.BinaryOp.GT, gt.op());
        Expr.Binary plus = assertInstanceOf(Expr.Binary.class, gt.left());
        assertEquals(Expr.BinaryOp.ADD, plus.op());
        assertEquals(Expr.BinaryOp.MUL, ((Expr.Binary) plus.right()).op());
    }

    @Test
    void everyStatementKindParses() {
        List<Stmt> s = body("""
                    residual if s == 1 { conv 8, 3 } shortcut if in.c != 8 { conv 8, 1 } relu
                    concat { branch { conv 8, 1 } branch { maxpool 3 stride=1 pad=same } } : 8x8x9
                    x = add(a, input) leaky(0.2)
                    from x
                    repeat 2 { relu }
                    for i in 1..n { conv 8 * i, 1 }
                    if a { relu } else if b { tanh } else { sigmoid }
                    use Backbone until features frozen
                    frozen { conv 8, 3 }
                """);
        List<Class<?>> kinds = s.stream().<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(Stmt.Residual.class, Stmt.BranchMerge.class, Stmt.NamedMerge.class, Stmt.From.class,
                Stmt.Repeat.class, Stmt.For.class, Stmt.If.class, Stmt.Use.class, Stmt.Frozen.class), kinds);
        Stmt.Use use = (Stmt.Use) s.get(7);
        assertTrue(use.frozen());
        assertEquals("features", use.until().get().name());
        Stmt.If chain = (Stmt.If) s.get(6);
        assertInstanceOf(Stmt.If.class, chain.otherwise().get(0));
    }

    @Test
    void spansAreOneBasedAndPointAtTheOp() {
        Stmt.Invoke s = (Stmt.Invoke) body("    c1 = conv 6, 5").get(0);
        assertEquals(3, s.callee().span().line());
        assertEquals(10, s.callee().span().column());
        assertEquals(10, s.span().column());
        assertEquals(5, s.target().get().span().column());
    }

    @Test
    void severalSyntaxErrorsAreAllReported() {
        List<Diagnostic> d = errors("""
                model A {
                    input 28x28x1
                    conv 8, 3 )
                    dense 10 ]
                    relu
                }
                block b(x) {
                    conv 8 3 )
                }
                """);
        assertEquals(List.of(3, 4, 8), d.stream().map(x -> x.span().line()).toList());
        assertTrue(d.stream().allMatch(x -> x.code().equals("E0101")));
        assertEquals("expected a newline or ';' after the statement, found ')'", d.get(0).message());
    }

    @Test
    void aKeywordUsedAsANameIsSaidInWords() {
        List<Diagnostic> d = errors("model M {\n    input 8x8x1\n    model = conv 8, 3\n}\n");
        assertEquals("'model' is a reserved word and cannot be used as a name", d.get(0).message());
    }

    @Test
    void structuralMistakesAreReportedInWords() {
        Reporter r = new Reporter();
        SyntaxParser.parse("t.cnn", """
                const A = 1
                import "x.cnn"
                conv 8, 3
                block b() {
                    input 8x8x1
                }
                model M {
                    relu
                    input 8x8x1
                }
                """, r);
        assertEquals(List.of("E0105", "E0105", "E0105", "E0105"), r.diagnostics().stream().map(Diagnostic::code)
                .toList(), r.diagnostics().toString());
    }

    @Test
    void nestingTooDeepIsReportedNotThrown() {
        String deep = "const X = " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "\n";
        Reporter r = new Reporter();
        Optional<SourceFile> f = SyntaxParser.parse("t.cnn", deep, r);
        assertFalse(f.isPresent());
        // at the first bracket past the limit: column 11 is the first '('
        assertEquals(List.of("E0108 1:" + (11 + SourceLimits.MAX_NESTING)), codesAt(r));
    }

    @Test
    void sixtyFourBracketsAndBlocksStillParse() {
        // the deepest a file may nest: a model body and 63 parentheses
        String text = "model M {\n    input 8x8x1\n    conv " + "(".repeat(63) + "8" + ")".repeat(63) + ", 1\n}\n";
        parse(text);
        Reporter r = new Reporter();
        SyntaxParser.parse("t.cnn", text.replace("conv (", "conv ((").replace("), 1", ")), 1"), r);
        assertEquals(List.of("E0108 3:" + (10 + 63)), codesAt(r));
    }

    @Test
    void aLongOperatorChainIsReportedAtTheOperatorPastTheLimit() {
        parse("const X = 1" + " * 1".repeat(SourceLimits.MAX_OPERATORS) + "\n");
        Reporter r = new Reporter();
        SyntaxParser.parse("t.cnn", "const X = 1" + " * 1".repeat(SourceLimits.MAX_OPERATORS + 5) + "\n", r);
        assertEquals(List.of("E0108 1:" + (13 + 4 * SourceLimits.MAX_OPERATORS)), codesAt(r));
        // operators separated by commas, brackets or lines are not one chain
        parse("const X = [" + "(1 * 2) / 3, ".repeat(3 * SourceLimits.MAX_OPERATORS) + "1]\n"
                + ("const Y = 1" + " * 1".repeat(SourceLimits.MAX_OPERATORS / 2) + "\n").repeat(4));
    }

    @Test
    void signsOutsideBracketsAreCountedPerStatement() {
        String many = " + 1".repeat(SourceLimits.MAX_SIGNS);
        parse("const X = 1" + many + "\nconst Y = -1" + " - 1".repeat(SourceLimits.MAX_SIGNS - 1)
                + "\nconst Z = [" + "-1, ".repeat(100) + "(" + many + many + ")]\n");
        Reporter r = new Reporter();
        SyntaxParser.parse("t.cnn", "model M {\n    input 8x8x1\n    conv 1, 1" + ", 1 + 1".repeat(SourceLimits.MAX_SIGNS)
                + ", 1 + 1\n}\n", r);
        assertEquals(List.of("E0108 3:" + (13 + 7 * SourceLimits.MAX_SIGNS + 5)), codesAt(r));
    }

    @Test
    void aFileOverTheLimitsIsRefusedBeforeItIsParsed() {
        Reporter r = new Reporter();
        String header = "model M {\n    input 8x8x1\n}\n";
        String big = header + "// filler\n".repeat(SourceLimits.MAX_CHARS / 10);
        assertFalse(SyntaxParser.parse("t.cnn", big, r).isPresent());
        // pointed at the first character past the limit, in the 10-character filler lines after line 3
        int past = SourceLimits.MAX_CHARS - header.length();
        assertEquals(List.of("E0110 " + (4 + past / 10) + ":" + (past % 10 + 1)), codesAt(r));
        assertTrue(r.diagnostics().get(0).message().contains("1,048,576"), r.diagnostics().get(0).message());

        Reporter tokens = new Reporter();
        assertFalse(SyntaxParser.parse("t.cnn", ";".repeat(SourceLimits.MAX_TOKENS + 10), tokens).isPresent());
        assertEquals(List.of("E0110 1:" + (SourceLimits.MAX_TOKENS + 1)), codesAt(tokens));
    }

    @Test
    void aNameOverOneHundredCharactersIsRefused() {
        parse("const " + "k".repeat(SourceLimits.MAX_NAME) + " = 1\n");
        Reporter r = new Reporter();
        SyntaxParser.parse("t.cnn", "model " + "M".repeat(SourceLimits.MAX_NAME + 1) + " {\n    input 8x8x1\n}\n", r);
        assertEquals(List.of("E0111 1:7"), codesAt(r));
    }

    @Test
    void aLoneCarriageReturnEndsALineForDiagnosticsToo() {
        Reporter r = new Reporter();
        SyntaxParser.parse("t.cnn", "model M {\r    input 8x8x1\r    conv 8, 3 )\r}\r", r);
        assertEquals(List.of("E0101 3:15"), codesAt(r));
    }

    private static List<String> codesAt(Reporter r) {
        return r.diagnostics().stream().map(d -> d.code() + " " + d.span().line() + ":" + d.span().column()).toList();
    }
}
