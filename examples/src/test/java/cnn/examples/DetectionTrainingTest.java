package cnn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.cli.Cnnc;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's YOLO recipe as a user runs it: {@code cnnc train models/detect/yolo_shapes.cnn
 * --data shapes:40000} with the model's own {@code train { }} (6 epochs), scored on the 2000
 * held-out images drawn apart from the training ones, against issue 6's bar of mAP@0.5 ≥ 0.8
 * (measured 0.819, 2 min 21 s on a quiet 2-core machine). Then {@code cnnc detect} on a scene the
 * run never saw must find each object the generator says it drew, by class and IoU ≥ 0.5.
 */
@Tag("training")
@Tag("e2e")
class DetectionTrainingTest {

    private static final Pattern MAP = Pattern.compile("test mAP@0\\.5: (\\d\\.\\d{3}) \\(2000 images");
    /** {@code #  class  score  x1  y1  x2  y2  width  height} */
    private static final Pattern BOX_ROW = Pattern.compile("(?m)^\\s*\\d+\\s+(circle|square|triangle)\\s+[01]\\.\\d\\d"
            + "\\s+(-?[0-9.]+)\\s+(-?[0-9.]+)\\s+(-?[0-9.]+)\\s+(-?[0-9.]+)\\s");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run cnnc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cnnc.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void yoloShapesLearnsToFindTheShapesAndDetectDrawsThem() throws IOException {
        long start = System.nanoTime();
        Run train = cnnc("train", "models/detect/yolo_shapes.cnn", "--data", "shapes:" + Recipe.IMAGES,
                "--out", dir.resolve("run").toString(), "--progress", "none");
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.print(train.out());
        assertEquals(0, train.code(), train.out() + train.err());
        assertTrue(train.out().contains("synthetic shapes (detection): " + Recipe.IMAGES + " train, 2000 test"),
                train.out());
        assertTrue(train.out().contains("epoch " + Recipe.EPOCHS + "/" + Recipe.EPOCHS + ":"), train.out());
        Matcher m = MAP.matcher(train.out());
        assertTrue(m.find(), train.out());
        double map = Double.parseDouble(m.group(1));
        System.out.printf(Locale.ROOT, "YoloShapes on shapes:%d, epochs %d: test mAP@0.5 %.3f, %.0f s%n",
                Recipe.IMAGES, Recipe.EPOCHS, map, seconds);
        assertTrue(map >= Recipe.MIN_MAP, "test mAP@0.5 " + map + " below " + Recipe.MIN_MAP);

        // cnnc detect, at its default score threshold, on an image the run never saw (training draws
        // with seed 42, the test set with ~42): every object there is found, with its class
        Path png = dir.resolve("seed7.png");
        Run detect = cnnc("detect", "models/detect/yolo_shapes.cnn", "--weights",
                dir.resolve("run/YoloShapes.npz").toString(), "--shapes", "7", "--out", png.toString());
        assertEquals(0, detect.code(), detect.out() + detect.err());
        int split = detect.out().indexOf("really there:");
        assertTrue(split > 0, detect.out());
        List<Row> found = rows(detect.out().substring(0, split));
        List<Row> truth = rows(detect.out().substring(split));
        assertEquals(3, truth.size(), "seed 7 draws a triangle and two squares:\n" + detect.out());
        assertTrue(truth.stream().allMatch(t -> found.stream().anyMatch(f -> t.label().equals(f.label())
                && t.iou(f) >= 0.5)), "an object was missed:\n" + detect.out());
        BufferedImage picture = ImageIO.read(png.toFile());
        assertTrue(picture != null && picture.getWidth() == 480 && picture.getHeight() == 480,
                "the 48x48 image drawn ten times larger at " + png);
    }

    /** A row of cnnc detect's table: class and corners. */
    private record Row(String label, double x1, double y1, double x2, double y2) {
        double iou(Row o) {
            double w = Math.max(0, Math.min(x2, o.x2) - Math.max(x1, o.x1));
            double h = Math.max(0, Math.min(y2, o.y2) - Math.max(y1, o.y1));
            double inter = w * h;
            return inter / ((x2 - x1) * (y2 - y1) + (o.x2 - o.x1) * (o.y2 - o.y1) - inter);
        }
    }

    private static List<Row> rows(String table) {
        List<Row> rows = new ArrayList<>();
        Matcher m = BOX_ROW.matcher(table);
        while (m.find()) {
            rows.add(new Row(m.group(1), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                    Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5))));
        }
        return rows;
    }

    /** The README's recipe (its epochs are the model's) and issue 6's bar. */
    private static final class Recipe {
        static final int IMAGES = 40000;
        static final int EPOCHS = 6;
        static final double MIN_MAP = 0.8;
    }
}
