package cnn.compiler.cli.detect;

import cnn.runtime.detect.Detection;
import java.io.PrintWriter;
import java.util.Locale;

/** The findings as a table: one row per box (class, score, corners and size in pixels) or per point. */
final class Report {

    private Report() {
    }

    static void print(PrintWriter out, Findings findings, Labels labels) {
        if (findings instanceof Findings.Boxes b) {
            if (b.detections().isEmpty()) {
                out.println("  (none)");
                return;
            }
            int width = 5;
            for (Detection d : b.detections()) {
                width = Math.max(width, labels.of(d.classId()).length());
            }
            String row = "  %2s  %-" + width + "s  %5s  %6s  %6s  %6s  %6s  %6s  %6s%n";
            out.printf(Locale.ROOT, row, "#", "class", "score", "x1", "y1", "x2", "y2", "width", "height");
            int k = 1;
            for (Detection d : b.detections()) {
                out.printf(Locale.ROOT, row, k++, labels.of(d.classId()), String.format(Locale.ROOT, "%.2f", d.score()),
                        number(d.box().x1()), number(d.box().y1()), number(d.box().x2()), number(d.box().y2()),
                        number(d.box().width()), number(d.box().height()));
            }
            return;
        }
        Findings.Points p = (Findings.Points) findings;
        out.printf(Locale.ROOT, "  present: %.2f%n", p.presence());
        if (!p.found()) {
            out.println("  (below the threshold: no points)");
            return;
        }
        double[] xy = p.points();
        out.printf(Locale.ROOT, "  %2s  %6s  %6s%n", "#", "x", "y");
        for (int i = 0; i < xy.length / 2; i++) {
            out.printf(Locale.ROOT, "  %2d  %6s  %6s%n", i + 1, number(xy[2 * i]), number(xy[2 * i + 1]));
        }
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
