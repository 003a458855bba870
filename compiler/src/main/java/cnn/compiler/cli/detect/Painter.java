package cnn.compiler.cli.detect;

import cnn.runtime.detect.Detection;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws findings on the picture and writes it as a PNG, headless: each box outlined in its
 * class's colour with a label "class score" on a filled tag above it (inside when the box touches
 * the top), landmarks as numbered dots joined in order. A small picture is first enlarged by a
 * whole factor, pixels kept square, so that a 48x48 input is readable.
 */
final class Painter {

    /** The picture is enlarged until its longer side is at least this. */
    static final int MIN_SIDE = 480;

    /** Distinct colours that read on light and dark backgrounds (Tableau 10). */
    private static final Color[] COLOURS = {new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759),
        new Color(0x76b7b2), new Color(0x59a14f), new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7),
        new Color(0x9c755f), new Color(0xbab0ac)};

    private Painter() {
    }

    static int factor(BufferedImage picture) {
        int side = Math.max(picture.getWidth(), picture.getHeight());
        return Math.max(1, (MIN_SIDE + side - 1) / side);
    }

    static BufferedImage draw(BufferedImage picture, Findings findings, Labels labels) {
        System.setProperty("java.awt.headless", "true");
        int f = factor(picture);
        BufferedImage out = new BufferedImage(picture.getWidth() * f, picture.getHeight() * f,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(picture, 0, 0, out.getWidth(), out.getHeight(), null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font("SansSerif", Font.BOLD, 14));
            if (findings instanceof Findings.Boxes b) {
                // lowest score first, so the best box's outline and tag end on top
                for (int i = b.detections().size() - 1; i >= 0; i--) {
                    box(g, b.detections().get(i), labels, f, out.getWidth());
                }
            } else {
                points(g, ((Findings.Points) findings).points(), f);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    static void write(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this Java");
        }
    }

    private static void box(Graphics2D g, Detection d, Labels labels, int f, int width) {
        Color colour = COLOURS[d.classId() % COLOURS.length];
        int x1 = (int) Math.round(d.box().x1() * f);
        int y1 = (int) Math.round(d.box().y1() * f);
        int x2 = (int) Math.round(d.box().x2() * f);
        int y2 = (int) Math.round(d.box().y2() * f);
        g.setStroke(new BasicStroke(3));
        g.setColor(Color.WHITE);
        g.drawRect(x1 - 1, y1 - 1, x2 - x1 + 2, y2 - y1 + 2);
        g.setColor(colour);
        g.drawRect(x1, y1, x2 - x1, y2 - y1);
        String text = labels.of(d.classId()) + " " + String.format(Locale.ROOT, "%.2f", d.score());
        FontMetrics m = g.getFontMetrics();
        int tw = m.stringWidth(text) + 8;
        int th = m.getAscent() + m.getDescent() + 4;
        int tx = Math.max(0, Math.min(x1 - 1, width - tw));
        int ty = y1 - th - 1 >= 0 ? y1 - th - 1 : y1 + 2;
        g.setColor(colour);
        g.fillRect(tx, ty, tw, th);
        g.setColor(Color.WHITE);
        g.drawString(text, tx + 4, ty + 2 + m.getAscent());
    }

    private static void points(Graphics2D g, double[] xy, int f) {
        int k = xy.length / 2;
        g.setStroke(new BasicStroke(2));
        for (int i = 0; i < k; i++) {
            int j = (i + 1) % k;
            g.setColor(Color.WHITE);
            g.drawLine((int) (xy[2 * i] * f), (int) (xy[2 * i + 1] * f), (int) (xy[2 * j] * f),
                    (int) (xy[2 * j + 1] * f));
        }
        for (int i = 0; i < k; i++) {
            int x = (int) Math.round(xy[2 * i] * f);
            int y = (int) Math.round(xy[2 * i + 1] * f);
            g.setColor(COLOURS[2]);
            g.fillOval(x - 6, y - 6, 12, 12);
            g.setColor(Color.WHITE);
            g.drawOval(x - 6, y - 6, 12, 12);
            g.drawString(Integer.toString(i + 1), x + 8, y - 6);
        }
    }
}
