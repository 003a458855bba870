package cnn.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.runtime.detect.Box;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticShapesTest {

    private static float[] image(Dataset d, int i) {
        float[] out = new float[d.sampleSize()];
        d.copyImage(i, out, 0);
        return out;
    }

    @Test
    void sameSeedSameDataBitForBitInAnyOrder() {
        Dataset a = SyntheticShapes.classification(50, 32, 32, 3, 42);
        Dataset b = SyntheticShapes.classification(50, 32, 32, 3, 42);
        for (int i = 49; i >= 0; i--) { // the other order: images do not depend on what was drawn before
            assertArrayEquals(image(a, i), image(b, i));
            assertEquals(a.label(i), b.label(i));
        }
        Dataset c = SyntheticShapes.classification(50, 32, 32, 3, 43);
        assertFalse(Arrays.equals(image(a, 0), image(c, 0)));
        // A larger set with the same seed starts with the same images.
        assertArrayEquals(image(a, 7), image(SyntheticShapes.classification(500, 32, 32, 3, 42), 7));
    }

    @Test
    void classesAreBalancedAndValuesInUnitRange() {
        Dataset d = SyntheticShapes.classification(3000, 16, 16, 1, 1);
        assertEquals(3, d.classes());
        int[] counts = new int[3];
        for (int i = 0; i < d.size(); i++) {
            counts[d.label(i)]++;
        }
        for (int c : counts) {
            assertEquals(1000, c, 5 * Math.sqrt(3000 * (1 / 3.0) * (2 / 3.0)), Arrays.toString(counts));
        }
        for (int i = 0; i < 50; i++) {
            for (float v : image(d, i)) {
                assertTrue(v >= 0 && v <= 1);
            }
        }
    }

    /**
     * The rasteriser against geometry: the pixels that differ from the background cover the
     * shape's area (π r² for a circle, the shoelace area of the corners otherwise) up to the
     * pixels its outline crosses.
     */
    @Test
    void drawnAreaMatchesTheGeometry() {
        DetectionDataset d = SyntheticShapes.detection(200, 48, 48, 3, 1, 5);
        for (int i = 0; i < d.size(); i++) {
            Annotation a = d.objects(i).get(0);
            float[] img = image(d, i);
            float[] bg = cornerFarthestFrom(img, a.box(), 48, 48);
            int covered = 0;
            for (int p = 0; p < 48 * 48; p++) {
                if (img[p * 3] != bg[0] || img[p * 3 + 1] != bg[1] || img[p * 3 + 2] != bg[2]) {
                    covered++;
                }
            }
            double area;
            double perimeter;
            float[] c = a.corners();
            if (a.label() == ShapeKind.CIRCLE.ordinal()) {
                double r = a.box().width() / 2;
                area = Math.PI * r * r;
                perimeter = 2 * Math.PI * r;
                assertEquals(0, c.length);
            } else {
                area = Math.abs(shoelace(c));
                perimeter = 0;
                for (int k = 0; k < c.length / 2; k++) {
                    int j = (k + 1) % (c.length / 2);
                    perimeter += Math.hypot(c[2 * j] - c[2 * k], c[2 * j + 1] - c[2 * k + 1]);
                }
                assertEquals(a.label() == ShapeKind.SQUARE.ordinal() ? 8 : 6, c.length);
            }
            assertEquals(area, covered, perimeter + 4, "image " + i + " " + a);
        }
    }

    /** The colour of the image corner farthest from the box: background when the box does not reach it. */
    private static float[] cornerFarthestFrom(float[] img, Box b, int h, int w) {
        int x = b.centreX() < w / 2.0 ? w - 1 : 0;
        int y = b.centreY() < h / 2.0 ? h - 1 : 0;
        int o = (y * w + x) * 3;
        return new float[] {img[o], img[o + 1], img[o + 2]};
    }

    private static double shoelace(float[] c) {
        double s = 0;
        int n = c.length / 2;
        for (int k = 0; k < n; k++) {
            int j = (k + 1) % n;
            s += c[2 * k] * c[2 * j + 1] - c[2 * j] * c[2 * k + 1];
        }
        return s / 2;
    }

    @Test
    void detectionHasSeveralObjectsSomeOverlappingSomeAtTheBorderAllInside() {
        DetectionDataset d = SyntheticShapes.detection(500, 32, 32, 3, 4, 9);
        int overlapping = 0;
        int atBorder = 0;
        int[] perCount = new int[5];
        for (int i = 0; i < d.size(); i++) {
            List<Annotation> objects = d.objects(i);
            perCount[objects.size()]++;
            boolean overlap = false;
            for (int j = 0; j < objects.size(); j++) {
                Box b = objects.get(j).box();
                double eps = 1e-3;
                assertTrue(b.x1() >= -eps && b.y1() >= -eps && b.x2() <= 32 + eps && b.y2() <= 32 + eps,
                        "box outside the image: " + b);
                if (b.x1() < eps || b.y1() < eps || b.x2() > 32 - eps || b.y2() > 32 - eps) {
                    atBorder++;
                }
                for (int k = 0; k < j; k++) {
                    overlap |= b.iou(objects.get(k).box()) > 0;
                }
            }
            overlapping += overlap ? 1 : 0;
        }
        assertEquals(0, perCount[0]);
        for (int k = 1; k <= 4; k++) {
            assertTrue(perCount[k] > 80, Arrays.toString(perCount)); // about 125 each
        }
        assertTrue(overlapping > 100, "images with overlapping objects: " + overlapping);
        assertTrue(atBorder > 100, "objects touching the border: " + atBorder);
    }

    @Test
    void detectionTargetsEncodeTheObjects() {
        DetectionDataset d = SyntheticShapes.detection(20, 32, 64, 3, 3, 2);
        assertEquals(18, d.targetSize());
        float[] t = new float[18];
        for (int i = 0; i < d.size(); i++) {
            d.copyTarget(i, t, 0);
            List<Annotation> objects = d.objects(i);
            for (int k = 0; k < 3; k++) {
                if (k < objects.size()) {
                    Box b = objects.get(k).box();
                    assertArrayEquals(new float[] {1, objects.get(k).label(), (float) (b.centreX() / 64),
                        (float) (b.centreY() / 32), (float) (b.width() / 64), (float) (b.height() / 32)},
                            Arrays.copyOfRange(t, 6 * k, 6 * k + 6));
                } else {
                    assertArrayEquals(new float[6], Arrays.copyOfRange(t, 6 * k, 6 * k + 6));
                }
            }
        }
    }

    @Test
    void localizationTargetsFollowTheHeadLayout() {
        Dataset d = SyntheticShapes.localization(1000, 24, 24, 1, 4);
        assertEquals(8, d.targetSize());
        int empty = 0;
        float[] t = new float[8];
        for (int i = 0; i < d.size(); i++) {
            d.copyTarget(i, t, 0);
            if (t[0] == 0) {
                empty++;
                assertArrayEquals(new float[8], t);
                float[] img = image(d, i);
                for (float v : img) {
                    assertEquals(img[0], v); // nothing drawn
                }
            } else {
                assertEquals(1, t[5] + t[6] + t[7]); // one-hot class
                assertTrue(t[1] - t[4] / 2 >= -1e-6 && t[1] + t[4] / 2 <= 1 + 1e-6); // box inside, as fractions
                assertTrue(t[2] - t[3] / 2 >= -1e-6 && t[2] + t[3] / 2 <= 1 + 1e-6);
            }
        }
        assertEquals(100, empty, 5 * Math.sqrt(1000 * 0.1 * 0.9));
    }

    @Test
    void landmarksAreTheCornersClockwiseFromTheTop() {
        Dataset d = SyntheticShapes.landmarks(300, 32, 32, 3, ShapeKind.TRIANGLE, 8);
        assertEquals(7, d.targetSize());
        float[] t = new float[7];
        for (int i = 0; i < d.size(); i++) {
            d.copyTarget(i, t, 0);
            if (t[0] == 0) {
                continue;
            }
            float[] c = Arrays.copyOfRange(t, 1, 7);
            for (int k = 1; k < 3; k++) {
                assertTrue(c[1] <= c[2 * k + 1], "first point is the topmost");
            }
            // With y pointing down, a clockwise turn on screen has a positive shoelace sum.
            assertTrue(shoelace(c) > 0, "clockwise");
            // equilateral: all sides equal (in pixels)
            double s0 = Math.hypot((c[2] - c[0]) * 32, (c[3] - c[1]) * 32);
            double s1 = Math.hypot((c[4] - c[2]) * 32, (c[5] - c[3]) * 32);
            assertEquals(s0, s1, 1e-3);
        }
    }

    @Test
    void objectsContrastWithTheBackground() {
        Dataset d = SyntheticShapes.classification(100, 32, 32, 1, 3);
        for (int i = 0; i < d.size(); i++) {
            float[] img = image(d, i);
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float v : img) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertTrue(max - min >= SyntheticShapes.MIN_CONTRAST - 1e-6, "image " + i + ": " + min + ".." + max);
        }
    }
}
