package cnn.compiler.syntax;

import cnn.compiler.diag.Reporter;
import cnn.compiler.diag.SourceSpan;
import cnn.grammar.CnnParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parse tree to AST, for a tree without syntax errors. Checks what the grammar leaves loose on
 * purpose so it can say it in words: where package, import, input, output and train may stand
 * (E0105), that a model has an input (E0107), that numbers fit (E0106).
 */
final class AstBuilder {

    private final String file;
    private final Reporter reporter;

    AstBuilder(String file, Reporter reporter) {
        this.file = file;
        this.reporter = reporter;
    }

    // ------------------------------------------------------------------ file

    SourceFile file(CnnParser.FileContext ctx) {
        Optional<String> pkg = Optional.empty();
        List<SourceFile.Import> imports = new ArrayList<>();
        List<Decl> decls = new ArrayList<>();
        boolean seenOther = false;
        for (CnnParser.TopLineContext line : ctx.topLine()) {
            CnnParser.TopItemContext item = line.topItem();
            if (item == null) {
                continue;
            }
            if (item.stmt() != null) {
                misplaced(item, "a statement outside any model or block",
                        "layers go inside a model or block: model NAME { input 28x28x1 … }");
            } else if (item.packageDecl() != null) {
                if (seenOther || !imports.isEmpty() || pkg.isPresent()) {
                    misplaced(item, pkg.isPresent() ? "a file has one package line"
                            : "package must be the first line of the file");
                }
                pkg = Optional.of(item.packageDecl().qualifiedName().getText());
            } else if (item.importDecl() != null) {
                if (seenOther) {
                    misplaced(item, "imports must come before the constants, blocks and models");
                }
                String raw = item.importDecl().STRING().getText();
                imports.add(new SourceFile.Import(unquote(raw), span(item)));
            } else {
                seenOther = true;
                if (item.constDecl() != null) {
                    CnnParser.ConstDeclContext c = item.constDecl();
                    decls.add(new Decl.Const(ident(c.ID()), expr(c.expr()), span(c)));
                } else if (item.blockDecl() != null) {
                    decls.add(block(item.blockDecl()));
                } else if (item.modelDecl() != null) {
                    decls.add(model(item.modelDecl()));
                }
            }
        }
        return new SourceFile(file, pkg, imports, decls);
    }

    private static String unquote(String raw) {
        String body = raw.substring(1, raw.length() - 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                i++;
                c = body.charAt(i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private Decl.Block block(CnnParser.BlockDeclContext ctx) {
        List<Decl.Param> params = new ArrayList<>();
        for (CnnParser.ParamContext p : ctx.param()) {
            params.add(new Decl.Param(ident(p.ID()), Optional.ofNullable(p.expr()).map(this::expr)));
        }
        List<Stmt> body = new ArrayList<>();
        for (CnnParser.BodyItemContext item : bodyItems(ctx.block())) {
            if (item.stmt() != null) {
                body.add(stmt(item.stmt()));
            } else {
                String word = item.inputDecl() != null ? "input" : item.outputDecl() != null ? "output" : "train";
                misplaced(item, word + " belongs to a model, not a block",
                        word.equals("input") ? "a block's input is the tensor it is called on; use in.h, in.w, in.c"
                                : "move it into the model that calls the block");
            }
        }
        return new Decl.Block(ident(ctx.ID()), params, body, span(ctx));
    }

    private Decl model(CnnParser.ModelDeclContext ctx) {
        if (ctx instanceof CnnParser.SlideModelContext s) {
            return new Decl.Slide(ident(s.ID(0)), ident(s.detector), expr(s.expr()), span(s));
        }
        CnnParser.BodyModelContext m = (CnnParser.BodyModelContext) ctx;
        Ident name = ident(m.ID());
        Decl.Input input = null;
        Optional<Decl.Output> output = Optional.empty();
        Optional<Decl.Train> train = Optional.empty();
        List<Stmt> body = new ArrayList<>();
        for (CnnParser.BodyItemContext item : bodyItems(m.block())) {
            if (item.inputDecl() != null) {
                CnnParser.InputDeclContext in = item.inputDecl();
                if (input != null) {
                    misplaced(item, "model " + name.name() + " already has an input (line " + input.span().line() + ")",
                            "a model has one input; use from to go back to it");
                } else if (!body.isEmpty() || output.isPresent()) {
                    misplaced(item, "input must be the first line of model " + name.name(), null);
                }
                if (input == null) {
                    input = new Decl.Input(Optional.ofNullable(in.ID()).map(this::ident), expr(in.expr()), span(in));
                }
            } else if (item.outputDecl() != null) {
                if (output.isPresent()) {
                    misplaced(item, "model " + name.name() + " already has an output line",
                            "list every output on one line: output a, b");
                }
                List<Ident> tensors = new ArrayList<>();
                for (CnnParser.TensorRefContext t : item.outputDecl().tensorRef()) {
                    tensors.add(tensorRef(t));
                }
                output = Optional.of(new Decl.Output(tensors, span(item)));
            } else if (item.trainDecl() != null) {
                if (train.isPresent()) {
                    misplaced(item, "model " + name.name() + " already has a train section", null);
                }
                train = Optional.of(train(item.trainDecl()));
            } else {
                if (output.isPresent() || train.isPresent()) {
                    misplaced(item, "layers must come before " + (output.isPresent() ? "output" : "train"),
                            "the output line names tensors made above it");
                }
                body.add(stmt(item.stmt()));
            }
        }
        if (input == null) {
            reporter.error("E0107", span(m.ID().getSymbol()), "model " + name.name() + " has no input line",
                    "start the model with its input shape, e.g. input 28x28x1");
            input = new Decl.Input(Optional.empty(), new Expr.ShapeLit(List.of(1L, 1L, 1L), name.span()), name.span());
        }
        return new Decl.Model(name, input, body, output, train, span(m));
    }

    private Decl.Train train(CnnParser.TrainDeclContext ctx) {
        List<Decl.TrainEntry> entries = new ArrayList<>();
        for (CnnParser.TrainLineContext line : ctx.trainLine()) {
            CnnParser.TrainEntryContext e = line.trainEntry();
            if (e == null) {
                continue;
            }
            entries.add(new Decl.TrainEntry(ident(e.key), items(e.items()), span(e)));
        }
        return new Decl.Train(entries, span(ctx));
    }

    // ------------------------------------------------------------------ statements

    private static List<CnnParser.BodyItemContext> bodyItems(CnnParser.BlockContext ctx) {
        List<CnnParser.BodyItemContext> out = new ArrayList<>();
        for (CnnParser.BodyLineContext line : ctx.bodyLine()) {
            if (line.bodyItem() != null) {
                out.add(line.bodyItem());
            }
        }
        return out;
    }

    private List<Stmt> body(CnnParser.BlockContext ctx) {
        List<Stmt> out = new ArrayList<>();
        for (CnnParser.BodyItemContext item : bodyItems(ctx)) {
            if (item.stmt() != null) {
                out.add(stmt(item.stmt()));
            } else {
                String word = item.inputDecl() != null ? "input" : item.outputDecl() != null ? "output" : "train";
                misplaced(item, word + " belongs at the top of a model, not inside { }", null);
            }
        }
        return out;
    }

    private Stmt stmt(CnnParser.StmtContext ctx) {
        Optional<Ident> target = ctx.target == null ? Optional.empty() : Optional.of(ident(ctx.target));
        Optional<Expr> assertion = ctx.assertion() == null ? Optional.empty() : Optional.of(expr(ctx.assertion().expr()));
        // without the `name =`: messages about the layer point at its op, as in `x = add(a, b)`
        SourceSpan span = span(ctx.action());
        CnnParser.ActionContext a = ctx.action();
        if (a instanceof CnnParser.InvokeActionContext inv) {
            Optional<List<Arg>> callArgs = inv.CALL_LPAREN() == null ? Optional.empty() : Optional.of(args(inv.args()));
            return new Stmt.Invoke(target, ident(inv.callee), callArgs, items(inv.items()), assertion, span);
        } else if (a instanceof CnnParser.ResidualActionContext r) {
            Optional<Stmt.Shortcut> shortcut = Optional.empty();
            if (r.shortcut() != null) {
                CnnParser.ShortcutContext s = r.shortcut();
                shortcut = Optional.of(new Stmt.Shortcut(Optional.ofNullable(s.expr()).map(this::expr), body(s.block()),
                        span(s)));
            }
            return new Stmt.Residual(target, Optional.ofNullable(r.cond).map(this::expr), body(r.block()), shortcut,
                    activation(r.activation()), assertion, span);
        } else if (a instanceof CnnParser.BranchMergeActionContext b) {
            List<Stmt.Branch> branches = new ArrayList<>();
            for (CnnParser.BranchContext br : b.branch()) {
                branches.add(new Stmt.Branch(body(br.block()), span(br)));
            }
            return new Stmt.BranchMerge(target, kind(b.kind), branches, activation(b.activation()), assertion, span);
        } else if (a instanceof CnnParser.NamedMergeActionContext n) {
            List<Ident> tensors = new ArrayList<>();
            for (CnnParser.TensorRefContext t : n.tensorRef()) {
                tensors.add(tensorRef(t));
            }
            return new Stmt.NamedMerge(target, kind(n.kind), tensors, activation(n.activation()), assertion, span);
        }
        if (target.isPresent()) {
            misplaced(ctx, "only a layer, a block call, residual, concat or add can be named", null);
        }
        if (a instanceof CnnParser.FromActionContext f) {
            return new Stmt.From(tensorRef(f.tensorRef()), assertion, span);
        } else if (a instanceof CnnParser.RepeatActionContext r) {
            return new Stmt.Repeat(expr(r.expr()), body(r.block()), assertion, span);
        } else if (a instanceof CnnParser.ForActionContext f) {
            return new Stmt.For(ident(f.var), expr(f.from), expr(f.to), body(f.block()), assertion, span);
        } else if (a instanceof CnnParser.IfActionContext i) {
            return ifChain(i.ifChain(), assertion);
        } else if (a instanceof CnnParser.UseActionContext u) {
            Optional<Ident> until = u.tensorRef() == null ? Optional.empty() : Optional.of(tensorRef(u.tensorRef()));
            return new Stmt.Use(ident(u.model), until, u.FROZEN() != null, assertion, span);
        } else if (a instanceof CnnParser.FrozenActionContext f) {
            return new Stmt.Frozen(body(f.block()), assertion, span);
        }
        throw new IllegalStateException("statement kind not handled: " + a.getClass().getSimpleName());
    }

    private Stmt.If ifChain(CnnParser.IfChainContext ctx, Optional<Expr> assertion) {
        List<Stmt> otherwise = List.of();
        if (ctx.ifChain() != null) {
            otherwise = List.of(ifChain(ctx.ifChain(), Optional.empty()));
        } else if (ctx.block().size() > 1) {
            otherwise = body(ctx.block(1));
        }
        return new Stmt.If(expr(ctx.expr()), body(ctx.block(0)), otherwise, assertion, span(ctx));
    }

    private static Stmt.MergeKind kind(Token t) {
        return t.getType() == CnnParser.ADD ? Stmt.MergeKind.ADD : Stmt.MergeKind.CONCAT;
    }

    private Optional<Stmt.ActivationRef> activation(CnnParser.ActivationContext ctx) {
        if (ctx == null) {
            return Optional.empty();
        }
        return Optional.of(new Stmt.ActivationRef(ident(ctx.ID()), Optional.ofNullable(ctx.expr()).map(this::expr),
                span(ctx)));
    }

    private Ident tensorRef(CnnParser.TensorRefContext ctx) {
        Token t = ctx.getStart();
        return new Ident(t.getText(), Spans.of(file, t));
    }

    private List<Arg> items(CnnParser.ItemsContext ctx) {
        List<Arg> out = new ArrayList<>();
        if (ctx == null) {
            return out;
        }
        for (CnnParser.ItemContext item : ctx.item()) {
            argument(out, item.ID(), item.expr(), item);
        }
        return out;
    }

    private List<Arg> args(CnnParser.ArgsContext ctx) {
        List<Arg> out = new ArrayList<>();
        if (ctx == null) {
            return out;
        }
        for (CnnParser.ArgContext a : ctx.arg()) {
            argument(out, a.ID(), a.expr(), a);
        }
        return out;
    }

    private void argument(List<Arg> out, TerminalNode name, CnnParser.ExprContext value, ParserRuleContext ctx) {
        if (name != null && value == null) {
            reporter.error("E0101", span(ctx), name.getText() + "= has no value after it",
                    "write the value right after the '=', e.g. " + name.getText() + "=2");
            return;
        }
        Optional<Ident> id = name == null ? Optional.empty() : Optional.of(ident(name));
        out.add(new Arg(id, expr(value), span(ctx)));
    }

    // ------------------------------------------------------------------ expressions

    private Expr expr(CnnParser.ExprContext ctx) {
        SourceSpan span = span(ctx);
        if (ctx instanceof CnnParser.PrimaryExprContext p) {
            return primary(p.primary());
        } else if (ctx instanceof CnnParser.UnaryExprContext u) {
            Expr.UnaryOp op = u.op.getType() == CnnParser.MINUS ? Expr.UnaryOp.NEG : Expr.UnaryOp.PLUS;
            return new Expr.Unary(op, expr(u.expr()), span);
        } else if (ctx instanceof CnnParser.NotExprContext n) {
            return new Expr.Unary(Expr.UnaryOp.NOT, expr(n.expr()), span);
        } else if (ctx instanceof CnnParser.MulExprContext m) {
            return binary(m.op, m.expr(0), m.expr(1), span);
        } else if (ctx instanceof CnnParser.AddExprContext a) {
            return binary(a.op, a.expr(0), a.expr(1), span);
        } else if (ctx instanceof CnnParser.CompareExprContext c) {
            return binary(c.op, c.expr(0), c.expr(1), span);
        } else if (ctx instanceof CnnParser.AndExprContext a) {
            return new Expr.Binary(Expr.BinaryOp.AND, expr(a.expr(0)), expr(a.expr(1)), span);
        } else if (ctx instanceof CnnParser.OrExprContext o) {
            return new Expr.Binary(Expr.BinaryOp.OR, expr(o.expr(0)), expr(o.expr(1)), span);
        } else if (ctx instanceof CnnParser.CondExprContext c) {
            return new Expr.Cond(expr(c.expr(0)), expr(c.expr(1)), expr(c.expr(2)), span);
        }
        throw new IllegalStateException("expression kind not handled: " + ctx.getClass().getSimpleName());
    }

    private Expr binary(Token op, CnnParser.ExprContext l, CnnParser.ExprContext r, SourceSpan span) {
        Expr.BinaryOp kind;
        switch (op.getType()) {
            case CnnParser.STAR: kind = Expr.BinaryOp.MUL; break;
            case CnnParser.SLASH: kind = Expr.BinaryOp.DIV; break;
            case CnnParser.INTDIV: kind = Expr.BinaryOp.INTDIV; break;
            case CnnParser.PERCENT: kind = Expr.BinaryOp.MOD; break;
            case CnnParser.PLUS: kind = Expr.BinaryOp.ADD; break;
            case CnnParser.MINUS: kind = Expr.BinaryOp.SUB; break;
            case CnnParser.LT: kind = Expr.BinaryOp.LT; break;
            case CnnParser.LE: kind = Expr.BinaryOp.LE; break;
            case CnnParser.GT: kind = Expr.BinaryOp.GT; break;
            case CnnParser.GE: kind = Expr.BinaryOp.GE; break;
            case CnnParser.EQ: kind = Expr.BinaryOp.EQ; break;
            case CnnParser.NE: kind = Expr.BinaryOp.NE; break;
            default: throw new IllegalStateException("operator not handled: " + op.getText());
        }
        return new Expr.Binary(kind, expr(l), expr(r), span);
    }

    private Expr primary(CnnParser.PrimaryContext ctx) {
        SourceSpan span = span(ctx);
        if (ctx instanceof CnnParser.IntLitContext i) {
            return new Expr.IntLit(wholeNumber(i.INT().getSymbol()), span);
        } else if (ctx instanceof CnnParser.FloatLitContext f) {
            double v = Double.parseDouble(f.FLOAT().getText());
            if (Double.isInfinite(v)) {
                reporter.error("E0106", span, "the number " + f.FLOAT().getText() + " is too large", null);
            }
            return new Expr.FloatLit(v, span);
        } else if (ctx instanceof CnnParser.ShapeLitContext s) {
            List<Long> dims = new ArrayList<>();
            for (String part : s.SHAPE().getText().split("x")) {
                dims.add(parseLong(part, s.SHAPE().getSymbol()));
            }
            return new Expr.ShapeLit(dims, span);
        } else if (ctx instanceof CnnParser.TrueLitContext) {
            return new Expr.BoolLit(true, span);
        } else if (ctx instanceof CnnParser.FalseLitContext) {
            return new Expr.BoolLit(false, span);
        } else if (ctx instanceof CnnParser.InDimContext d) {
            return new Expr.InDim(d.ID().getText(), span);
        } else if (ctx instanceof CnnParser.CallExprContext c) {
            return new Expr.Call(ident(c.ID()), args(c.args()), span);
        } else if (ctx instanceof CnnParser.NameRefContext n) {
            return new Expr.NameRef(n.ID().getText(), span);
        } else if (ctx instanceof CnnParser.ParenExprContext p) {
            if (p.COMMA().isEmpty()) {
                return expr(p.expr(0));
            }
            List<Expr> items = new ArrayList<>();
            for (CnnParser.ExprContext e : p.expr()) {
                items.add(expr(e));
            }
            return new Expr.Tuple(items, span);
        } else if (ctx instanceof CnnParser.ListExprContext l) {
            List<Expr> items = new ArrayList<>();
            for (CnnParser.ExprContext e : l.expr()) {
                items.add(expr(e));
            }
            return new Expr.ListLit(items, span);
        }
        throw new IllegalStateException("value kind not handled: " + ctx.getClass().getSimpleName());
    }

    private long wholeNumber(Token t) {
        return parseLong(t.getText(), t);
    }

    private long parseLong(String text, Token t) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            reporter.error("E0106", Spans.of(file, t), "the number " + text + " is too large (the largest is "
                    + Long.MAX_VALUE + ")", null);
            return 0;
        }
    }

    // ------------------------------------------------------------------ helpers

    private void misplaced(ParserRuleContext ctx, String message) {
        misplaced(ctx, message, null);
    }

    private void misplaced(ParserRuleContext ctx, String message, String hint) {
        reporter.error("E0105", span(ctx), message, hint);
    }

    private Ident ident(TerminalNode node) {
        return ident(node.getSymbol());
    }

    private Ident ident(Token t) {
        return new Ident(t.getText(), Spans.of(file, t));
    }

    private SourceSpan span(ParserRuleContext ctx) {
        return Spans.of(file, ctx);
    }

    private SourceSpan span(Token t) {
        return Spans.of(file, t);
    }
}
