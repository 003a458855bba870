package cnn.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.runtime.io.FloatArray;
import cnn.runtime.io.Npz;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnnc detect} on models whose last layer has zero weights and a chosen bias, so every
 * output is known by hand whatever the image: the table, the scaling back to the picture, and the
 * drawn PNG can be checked exactly.
 */
class DetectCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run cnnc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cnnc.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /**
     * 16x16 gray input, a 1x1 convolution of stride 8 to a 2x2 grid of one 4x4 anchor and two
     * classes. Bias [tx, ty, tw, th, objectness, c0, c1] = [0, 0, 0, 0, 2, 0, ln 3]: every cell
     * predicts a 4x4 box on its centre (σ(0) = 0.5 of an 8-pixel cell), class 1 with probability
     * 3/4, score σ(2)·3/4 = 0.6605.
     */
    private Path yolo() throws IOException {
        Path model = file("grid.cnn", """
                model Grid {
                    input 16x16x1
                    conv 7, 1 stride=8
                    yolo classes=2 anchors=[(4, 4)]
                }
                """);
        Npz.write(dir.resolve("grid.npz"), Map.of("conv_1.weight", new FloatArray(new int[] {7, 1, 1, 1}, new float[7]),
                "conv_1.bias", new FloatArray(new int[] {7}, new float[] {0, 0, 0, 0, 2, 0, (float) Math.log(3)})));
        return model;
    }

    @Test
    void yoloBoxesAreTabledAndDrawn() throws IOException {
        Path model = yolo();
        Path png = dir.resolve("out/boxes.png");
        Path npy = dir.resolve("x.npy");
        cnn.runtime.io.Npy.write(npy, new FloatArray(new int[] {16, 16, 1}, new float[256]));
        Run r = cnnc("detect", model.toString(), "--weights", dir.resolve("grid.npz").toString(), "--input",
                npy.toString(), "--out", png.toString(), "--labels", "cat,dog");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                Grid on x.npy, 16x16: 4 boxes (score >= 0.50, NMS IoU 0.45)
                   #  class  score      x1      y1      x2      y2   width  height
                   1  dog     0.66     2.0     2.0     6.0     6.0     4.0     4.0
                   2  dog     0.66    10.0     2.0    14.0     6.0     4.0     4.0
                   3  dog     0.66     2.0    10.0     6.0    14.0     4.0     4.0
                   4  dog     0.66    10.0    10.0    14.0    14.0     4.0     4.0
                wrote %s (480x480)
                """.formatted(png), r.out().replace("\r", ""));

        // 16 pixels enlarged 30 times; the first box's left edge runs down x = 60 in the colour of class 1
        BufferedImage drawn = ImageIO.read(png.toFile());
        assertEquals(480, drawn.getWidth());
        assertEquals(0xf28e2b, drawn.getRGB(60, 150) & 0xffffff);
        assertEquals(0, drawn.getRGB(120, 150) & 0xffffff, "inside the box the black input shows");

        Run none = cnnc("detect", model.toString(), "--weights", dir.resolve("grid.npz").toString(), "--input",
                npy.toString(), "--out", png.toString(), "--threshold", "0.7");
        assertTrue(none.out().startsWith("Grid on x.npy, 16x16: 0 boxes (score >= 0.70, NMS IoU 0.45)\n  (none)\n"),
                none.out());
    }

    @Test
    void aPictureOfAnotherSizeIsScaledToTheModelAndTheBoxesBack() throws IOException {
        Path model = yolo();
        BufferedImage picture = new BufferedImage(32, 48, BufferedImage.TYPE_INT_RGB);
        Path image = dir.resolve("photo.png");
        ImageIO.write(picture, "png", image.toFile());
        Run r = cnnc("detect", model.toString(), "--weights", dir.resolve("grid.npz").toString(), "--input",
                image.toString(), "--out", dir.resolve("p.png").toString());
        assertEquals(0, r.code(), r.err());
        // x scales by 32/16 = 2 and y by 48/16 = 3: the first 4x4 box at (2, 2) becomes 8x12 at (4, 6)
        assertTrue(r.out().startsWith("Grid on photo.png, 32x48 seen at 16x16: 4 boxes"), r.out());
        assertTrue(r.out().contains("   1  class 1   0.66     4.0     6.0    12.0    18.0     8.0    12.0\n"), r.out());
        assertEquals(320, ImageIO.read(dir.resolve("p.png").toFile()).getWidth(), "enlarged 10 times to reach 480");
    }

    @Test
    void localizeAndLandmarksHeadsReadFractionsOfTheImage() throws IOException {
        // [Pc, bx, by, bh, bw, c0, c1, c2] = [logit 0.9, 0.25, 0.5, 0.5, 0.25, 0, 0, ln 2]: a box
        // centred at (4, 8) of 4x8 pixels on 16x16, class 2 with probability 2/4, score 0.9·0.5.
        Path loc = file("loc.cnn", """
                model Loc {
                    input 16x16x1
                    flatten
                    dense 8
                    localize classes=3
                }
                """);
        Npz.write(dir.resolve("loc.npz"), Map.of("dense_1.weight", new FloatArray(new int[] {8, 256}, new float[8 * 256]),
                "dense_1.bias", new FloatArray(new int[] {8}, new float[] {(float) Math.log(9), 0.25f, 0.5f, 0.5f,
                    0.25f, 0, 0, (float) Math.log(2)})));
        Run r = cnnc("detect", loc.toString(), "--weights", dir.resolve("loc.npz").toString(), "--shapes", "3",
                "--threshold", "0.4", "--out", dir.resolve("l.png").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Loc on shapes seed 3, 16x16: 1 box (score >= 0.40, NMS IoU 0.45)\n"
                + "   #  class     score      x1      y1      x2      y2   width  height\n"
                + "   1  triangle   0.45     2.0     4.0     6.0    12.0     4.0     8.0\n"
                + "really there:\n"), r.out());

        // [present, x1, y1, x2, y2, x3, y3] = [logit 0.8, 0.5, 0.25, 0.75, 0.75, 0.25, 0.75] on 16x16
        Path marks = file("marks.cnn", """
                model Marks {
                    input 16x16x3
                    flatten
                    dense 7
                    landmarks 3
                }
                """);
        Npz.write(dir.resolve("marks.npz"), Map.of("dense_1.weight", new FloatArray(new int[] {7, 768},
                new float[7 * 768]), "dense_1.bias", new FloatArray(new int[] {7}, new float[] {(float) Math.log(4),
                    0.5f, 0.25f, 0.75f, 0.75f, 0.25f, 0.75f})));
        Run m = cnnc("detect", marks.toString(), "--weights", dir.resolve("marks.npz").toString(), "--shapes", "3",
                "--out", dir.resolve("m.png").toString());
        assertEquals(0, m.code(), m.err());
        assertTrue(m.out().startsWith("""
                Marks on shapes seed 3, 16x16: 3 landmarks (presence >= 0.50)
                  present: 0.80
                   #       x       y
                   1     8.0     4.0
                   2    12.0    12.0
                   3     4.0    12.0
                really there:
                  present: 1.00
                """), m.out());
        assertTrue(Files.size(dir.resolve("m.png")) > 0);
    }

    @Test
    void mistakesGetOneLine() throws IOException {
        Path model = yolo();
        String weights = dir.resolve("grid.npz").toString();
        Run both = cnnc("detect", model.toString(), "--weights", weights, "--input", "a.png", "--shapes", "1");
        assertEquals(Cnnc.USAGE, both.code());
        assertTrue(both.err().contains("mutually exclusive"), both.err());

        Run missing = cnnc("detect", model.toString(), "--weights", weights, "--input", dir.resolve("no.png").toString());
        assertEquals(1, missing.code());
        assertEquals("cnnc detect: " + dir.resolve("no.png") + ": no such file\n", missing.err().replace("\r", ""));

        Path text = file("notes.txt", "not a picture");
        Run notImage = cnnc("detect", model.toString(), "--weights", weights, "--input", text.toString());
        assertEquals("cnnc detect: " + text + ": not an image this Java can read (PNG, JPEG, BMP, GIF) or an .npy\n",
                notImage.err().replace("\r", ""));

        Path plain = file("plain.cnn", "model Plain {\n    input 4x4x1\n    flatten\n    dense 2 softmax\n}\n");
        Run noHead = cnnc("detect", plain.toString(), "--weights", weights, "--shapes", "1");
        assertEquals("cnnc detect: model Plain ends in no yolo, localize or landmarks head, so there is nothing to "
                + "detect; run it with cnnc predict\n", noHead.err().replace("\r", ""));

        Run badThreshold = cnnc("detect", model.toString(), "--weights", weights, "--shapes", "1", "--threshold", "2");
        assertEquals(Cnnc.USAGE, badThreshold.code());
        assertEquals("cnnc detect: --threshold must be in [0, 1], got 2.0\n", badThreshold.err().replace("\r", ""));
    }
}
