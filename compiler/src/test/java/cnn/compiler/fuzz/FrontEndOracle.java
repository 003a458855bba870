package cnn.compiler.fuzz;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.codegen.JavaGenerator;
import cnn.compiler.diag.Diagnostic;
import cnn.compiler.graph.Network;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What must hold for every input, however hostile (issue 9): nothing is thrown (no exception,
 * no StackOverflowError or OutOfMemoryError), no internal error (E0001), every diagnostic has a
 * code, one line of message and a position inside the file, the report renders, a model that
 * compiled also generates Java, compiling twice gives the same answer, and one input costs
 * bounded time and memory.
 */
public final class FrontEndOracle {

    /** CPU time one input may take; the slowest of 5,000 mutants of the examples takes about 0.1 s. */
    public static final long MAX_NANOS = 3_000_000_000L;
    /** Bytes one input may allocate (all of it, garbage included); hostile inputs of the limits' size stay below 300 MB. */
    public static final long MAX_BYTES = 1L << 30;

    private static final Pattern CODE = Pattern.compile("[EW]0\\d{3}");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FrontEndOracle() {
    }

    /** The problems of one input (empty when it was handled well). */
    public static List<String> check(String fileName, String text, boolean twice) {
        List<String> problems = new ArrayList<>();
        long allocatedBefore = allocated();
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        Compilation c;
        String rendered;
        try {
            c = Compiler.compileSource(fileName, text);
            rendered = c.render();
            for (Network n : c.networks()) {
                try {
                    JavaGenerator.generate(n, n.packageName());
                } catch (IllegalArgumentException e) {
                    // the generator's one clear refusal (a model named like a Java keyword); it must say which model
                    if (e.getMessage() == null || !e.getMessage().contains(n.name())) {
                        problems.add("generator refused " + n.name() + " without naming it: " + e.getMessage());
                    }
                }
            }
        } catch (Throwable t) {   // an Error too: StackOverflowError and OutOfMemoryError are failures here
            problems.add("threw " + t);
            return problems;
        }
        long nanos = THREADS.getCurrentThreadCpuTime() - cpuBefore;
        long bytes = allocated() - allocatedBefore;
        if (nanos > MAX_NANOS) {
            problems.add(String.format("took %.1f s of CPU", nanos / 1e9));
        }
        if (bytes > MAX_BYTES) {
            problems.add(String.format("allocated %,d bytes", bytes));
        }
        List<Integer> lineLengths = lineLengths(text);
        for (Diagnostic d : c.diagnostics()) {
            String where = d.code() + " " + d.span();
            if (d.code().equals("E0001")) {
                problems.add("internal error: " + d.message());
            }
            if (!CODE.matcher(d.code()).matches()) {
                problems.add("malformed code " + where);
            }
            if (d.message().isBlank() || d.message().contains("\n") || d.message().contains("\r")) {
                problems.add("message not one line: " + where + ": " + d.message());
            }
            if (!d.span().isKnown()) {
                problems.add("no position: " + where + ": " + d.message());
            } else if (d.span().file().equals(fileName)) {
                int line = d.span().line();
                if (line < 1 || line > lineLengths.size() || d.span().column() < 1
                        || d.span().column() > lineLengths.get(line - 1) + 2) {
                    problems.add("position outside the file: " + where);
                }
            }
        }
        if (!rendered.contains(c.diagnostics().isEmpty() ? "" : "[" + c.diagnostics().get(0).code() + "]")) {
            problems.add("the report does not show its first diagnostic");
        }
        if (twice) {
            Compilation again = Compiler.compileSource(fileName, text);
            if (!again.diagnostics().equals(c.diagnostics())) {
                problems.add("a second compilation answered differently");
            }
        }
        return problems;
    }

    /** Code points per line, lines ending at '\n' (a lone '\r' too), as the compiler counts them. */
    private static List<Integer> lineLengths(String text) {
        List<Integer> lengths = new ArrayList<>();
        int length = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                lengths.add(length);
                length = 0;
            } else {
                length++;
            }
        }
        lengths.add(length);
        return lengths;
    }

    private static long allocated() {
        if (THREADS instanceof com.sun.management.ThreadMXBean sun) {
            return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return 0;
    }
}
