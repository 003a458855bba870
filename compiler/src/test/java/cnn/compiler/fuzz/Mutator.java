package cnn.compiler.fuzz;

import cnn.grammar.CnnLexer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Grammar-aware mutations of example models: the seeds are cut into the lexer's tokens, and a
 * mutation deletes, repeats, swaps or replaces tokens (a number by an extreme number, a name by
 * a keyword or an op, a shape by an empty or huge one), moves whole lines between models,
 * wraps lines in blocks, nests brackets and operator chains up to and past the front end's
 * limits, or sprinkles raw characters. Most outputs are near-valid programs, so they reach
 * name resolution, block expansion and the shape rules instead of stopping at the parser.
 */
public final class Mutator {

    /** One token of a seed: its text and type, whitespace and comments included. */
    record Tok(String text, int type) {
    }

    private static final List<String> NUMBERS = List.of("0", "1", "2", "3", "7", "-1", "-0", "65", "256", "1024",
            "2147483647", "2147483648", "4294967296", "9223372036854775807", "9223372036854775808",
            "99999999999999999999", "0.0", "0.5", "1.0", "1e-3", "1e999", "1e-999", "2.5e10", "-2147483648");
    private static final List<String> SHAPES = List.of("0x0x0", "1x1x1", "0x28x1", "1x1", "3x3", "1x7", "28x28x1",
            "65536x65536x3", "99999x99999x99999", "46341x46341x1", "2x2x2x2", "1x1x2147483647", "8x8x0");
    private static final List<String> NAMES = List.of("conv", "dense", "relu", "softmax", "input", "in", "x", "f",
            "s", "basic", "Net", "LeNet5", "M", "class", "public", "static", "void", "int", "float", "new", "this",
            "java", "String", "Object", "System", "Math", "predict", "load", "save", "init", "INPUT_HEIGHT",
            "OUTPUT_SIZE", "PARAMETER_COUNT", "_", "__", "$x", "conv_1", "dense_1", "stem", "Stem", "STEM",
            "maxpool", "avgpool", "flatten", "batchnorm", "dropout", "sepconv", "dwconv", "upsample", "zeropad",
            "yolo", "localize", "landmarks", "leaky", "linear", "globalavgpool", "stride", "pad", "same", "valid",
            "groups", "dilation", "weights", "bias", "classes", "anchors", "k".repeat(101));
    private static final List<String> VOCABULARY = List.of("(", ")", "[", "]", "{", "}", ",", ";", "\n", "=", ":",
            "//", "/*", "*/", "\"", "x", "0", "-1", "in.c", "in.h", "in.z", "input", "output", "model", "block",
            "const", "import \"x.cnn\"", "import \"../../etc/passwd\"", "import \"/dev/zero\"", "package a.b",
            "residual", "shortcut", "branch", "concat", "add", "use", "until", "frozen", "repeat", "for", "in",
            "..", "if", "else", "from", "train", "slide", "over", "and", "or", "not", "true", "false", "?", "+",
            "-", "*", "/", "%", "==", "!=", "<=", ">=", "<", ">", "relu", "conv 8, 3", "dense 10", "flatten",
            "basic(8)", "×", "\t", "\r", "\r\n", "\u0000", "\uFEFF", "\uD800", "é", "名", "\uD83D\uDE00", "2x", "x2",
            "e5", "1.", ".5", "1..", "..1");
    private static final List<String> WRAPPERS = List.of("repeat 3 {", "repeat 0 {", "repeat 100000 {",
            "for i in 1..3 {", "for i in 3..1 {", "residual {", "residual if in.c > 3 {", "frozen {",
            "if in.h > 4 {", "concat { branch {", "add { branch {", "block b(f = 8) {", "model W { input 8x8x3\n");

    private final List<List<Tok>> seeds = new ArrayList<>();
    private final Map<Integer, List<String>> byType = new HashMap<>();
    private final Random random;

    public Mutator(List<String> seedTexts, Random random) {
        this.random = random;
        for (String text : seedTexts) {
            List<Tok> toks = tokens(text);
            seeds.add(toks);
            for (Tok t : toks) {
                byType.computeIfAbsent(t.type(), k -> new ArrayList<>()).add(t.text());
            }
        }
        byType.computeIfAbsent(CnnLexer.INT, k -> new ArrayList<>()).addAll(NUMBERS);
        byType.computeIfAbsent(CnnLexer.SHAPE, k -> new ArrayList<>()).addAll(SHAPES);
        byType.computeIfAbsent(CnnLexer.ID, k -> new ArrayList<>()).addAll(NAMES);
    }

    /** The lexer's tokens of a text, every character in exactly one token. */
    static List<Tok> tokens(String text) {
        CnnLexer lexer = new CnnLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Tok> out = new ArrayList<>();
        int[] codePoints = text.codePoints().toArray();   // the lexer's indexes count code points
        int covered = 0;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            int start = t.getStartIndex();
            int stop = t.getStopIndex();
            if (stop < start || start < covered) {
                continue;   // the NEWLINE the lexer makes up before the end of the file
            }
            out.add(new Tok(new String(codePoints, start, stop - start + 1), t.getType()));
            covered = stop + 1;
        }
        return out;
    }

    /** A mutant of a random seed: one to four edits. */
    public String next() {
        List<Tok> toks = new ArrayList<>(seeds.get(random.nextInt(seeds.size())));
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            toks = edit(toks);
        }
        StringBuilder sb = new StringBuilder();
        toks.forEach(t -> sb.append(t.text()));
        return sb.toString();
    }

    private List<Tok> edit(List<Tok> toks) {
        if (toks.isEmpty()) {
            return List.of(vocab());
        }
        int at = random.nextInt(toks.size());
        Tok here = toks.get(at);
        switch (random.nextInt(12)) {
            case 0 -> toks.remove(at);
            case 1 -> toks.add(at, here);
            case 2 -> {
                List<String> same = byType.get(here.type());
                if (same != null) {
                    toks.set(at, new Tok(same.get(random.nextInt(same.size())), here.type()));
                }
            }
            case 3 -> toks.set(at, vocab());
            case 4 -> {
                int other = random.nextInt(toks.size());
                toks.set(at, toks.get(other));
                toks.set(other, here);
            }
            case 5 -> toks.add(at, new Tok(" " + vocab().text() + " ", -1));
            case 6 -> toks = lines(toks);
            case 7 -> toks = wrap(toks, at);
            case 8 -> nest(toks, at);
            case 9 -> chain(toks, at);
            case 10 -> toks.add(at, new Tok(rawCharacters(), -1));
            default -> {
                // a run of tokens of another seed, spliced in
                List<Tok> donor = seeds.get(random.nextInt(seeds.size()));
                int from = random.nextInt(donor.size());
                int to = Math.min(donor.size(), from + 1 + random.nextInt(30));
                toks.addAll(at, donor.subList(from, to));
            }
        }
        return toks;
    }

    private Tok vocab() {
        return new Tok(VOCABULARY.get(random.nextInt(VOCABULARY.size())), -1);
    }

    /** Deletes, repeats or moves a whole line, or brings one in from another seed. */
    private List<Tok> lines(List<Tok> toks) {
        List<List<Tok>> lines = split(toks);
        int at = random.nextInt(lines.size());
        switch (random.nextInt(4)) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, lines.get(at));
            case 2 -> {
                List<Tok> moved = lines.remove(at);
                lines.add(random.nextInt(lines.size() + 1), moved);
            }
            default -> {
                List<List<Tok>> donor = split(seeds.get(random.nextInt(seeds.size())));
                lines.add(at, donor.get(random.nextInt(donor.size())));
            }
        }
        List<Tok> out = new ArrayList<>();
        lines.forEach(out::addAll);
        return out;
    }

    private static List<List<Tok>> split(List<Tok> toks) {
        List<List<Tok>> lines = new ArrayList<>();
        List<Tok> line = new ArrayList<>();
        for (Tok t : toks) {
            line.add(t);
            if (t.type() == CnnLexer.NEWLINE) {
                lines.add(line);
                line = new ArrayList<>();
            }
        }
        lines.add(line);
        return lines;
    }

    /** Wraps the lines from {@code at} on (a few of them) in a block, loop, branch or model. */
    private List<Tok> wrap(List<Tok> toks, int at) {
        String open = WRAPPERS.get(random.nextInt(WRAPPERS.size()));
        int end = Math.min(toks.size(), at + 1 + random.nextInt(40));
        List<Tok> out = new ArrayList<>(toks.subList(0, at));
        out.add(new Tok("\n" + open + "\n", -1));
        out.addAll(toks.subList(at, end));
        long closes = open.chars().filter(c -> c == '{').count();
        out.add(new Tok("\n" + "}".repeat((int) closes) + "\n", -1));
        out.addAll(toks.subList(end, toks.size()));
        return out;
    }

    /** Brackets around a token, nested around the front end's limit of 64. */
    private void nest(List<Tok> toks, int at) {
        int depth = random.nextBoolean() ? 1 + random.nextInt(8) : 56 + random.nextInt(16);
        String[] kinds = {"(", "[", "{"};
        String open = kinds[random.nextInt(kinds.length)];
        String close = open.equals("(") ? ")" : open.equals("[") ? "]" : "}";
        toks.add(at + 1, new Tok(close.repeat(depth), -1));
        toks.add(at, new Tok(open.repeat(depth), -1));
    }

    /** An operator chain after a token, around the front end's limit of 256 operators. */
    private void chain(List<Tok> toks, int at) {
        int n = random.nextBoolean() ? 1 + random.nextInt(10) : 240 + random.nextInt(40);
        String[] ops = {" + 1", " - 1", " * 2", " // 2", " % 3", " - -1", " and true", " ? 1 : 2", " < 3"};
        toks.add(at + 1, new Tok(ops[random.nextInt(ops.length)].repeat(n), -1));
    }

    /** A few characters of any kind: controls, unpaired surrogates, letters of other scripts. */
    private String rawCharacters() {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(4)) {
                case 0 -> sb.append((char) random.nextInt(32));
                case 1 -> sb.append((char) (32 + random.nextInt(95)));
                case 2 -> sb.append((char) (0xD800 + random.nextInt(0x800)));
                default -> sb.appendCodePoint(128 + random.nextInt(0x10FFFF - 128));
            }
        }
        return sb.toString();
    }
}
