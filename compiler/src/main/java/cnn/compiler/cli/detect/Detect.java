package cnn.compiler.cli.detect;

import cnn.compiler.cli.CliException;
import cnn.compiler.graph.Network;
import cnn.compiler.jit.JitException;
import cnn.compiler.jit.JitModels;
import cnn.runtime.data.ShapeKind;
import cnn.runtime.model.Model;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** One {@code cnnc detect} run: load the model, read the image, decode its heads, report and draw. */
public final class Detect {

    /**
     * @param input  an image or .npy file, or null when {@code shapes} is given
     * @param shapes the seed of a new shapes image, or null
     * @param out    the PNG to write, or null for the default name
     * @param labels {@code --labels}, or null
     */
    public record Request(Network network, Path weights, Path input, Long shapes, Path out, double threshold,
                          double iou, String labels) {
    }

    private Detect() {
    }

    public static void run(Request r, PrintWriter out) throws CliException, IOException, JitException {
        Network net = r.network();
        DetectionHeads heads = DetectionHeads.of(net).orElseThrow(() -> new CliException("model " + net.name()
                + " ends in no yolo, localize or landmarks head, so there is nothing to detect; run it with cnnc "
                + "predict", 1));
        int h = (int) net.input().h();
        int w = (int) net.input().w();
        int c = (int) net.input().c();
        DetectInput image = r.input() != null ? DetectInput.file(r.input(), h, w, c)
                : DetectInput.shapes(r.shapes(), heads, h, w, c);
        Model model = JitModels.compile(net).load(r.weights());
        float[][] outputs = model.predictAll(image.pixels());
        Findings found = Decoder.decode(heads, outputs, h, w, r.threshold(), r.iou())
                .scaled(image.scaleX(w), image.scaleY(h));
        Labels labels = r.labels() != null || r.shapes() == null ? Labels.parse(r.labels()) : shapesLabels();

        BufferedImage picture = image.picture();
        out.println(net.name() + " on " + image.name() + ", " + picture.getWidth() + "x" + picture.getHeight()
                + (picture.getWidth() != w || picture.getHeight() != h ? " seen at " + w + "x" + h : "") + ": "
                + summary(found, r));
        Report.print(out, found, labels);
        if (image.truth().isPresent()) {
            out.println("really there:");
            Report.print(out, image.truth().get(), labels);
        }
        Path file = r.out() != null ? r.out() : Path.of(defaultName(r));
        try {
            Painter.write(Painter.draw(picture, found, labels), file);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage(), 1);
        }
        int f = Painter.factor(picture);
        out.println("wrote " + file + " (" + picture.getWidth() * f + "x" + picture.getHeight() * f + ")");
        out.flush();
    }

    private static String summary(Findings found, Request r) {
        if (found instanceof Findings.Boxes b) {
            int k = b.detections().size();
            return k + (k == 1 ? " box" : " boxes") + String.format(Locale.ROOT, " (score >= %.2f, NMS IoU %.2f)",
                    r.threshold(), r.iou());
        }
        Findings.Points p = (Findings.Points) found;
        return (p.found() ? p.points().length / 2 + " landmarks" : "no landmarks")
                + String.format(Locale.ROOT, " (presence >= %.2f)", r.threshold());
    }

    private static Labels shapesLabels() {
        return new Labels(Arrays.stream(ShapeKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static String defaultName(Request r) {
        if (r.input() == null) {
            return "shapes-" + r.shapes() + "-detections.png";
        }
        String name = r.input().getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + "-detections.png";
    }
}
