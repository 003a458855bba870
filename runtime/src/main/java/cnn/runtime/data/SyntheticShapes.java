package cnn.runtime.data;

import cnn.runtime.detect.Box;
import cnn.runtime.init.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code shapes} data: circles, squares and triangles (squares and triangles at any
 * rotation) of random sizes and colours at random places on a random plain background, drawn at
 * any image size with 1 (gray) or 3 (RGB) channels. Nothing is downloaded. Each image comes from
 * its own random stream derived from (seed, index), so the same seed gives the same data bit
 * for bit, and images are rendered on demand. Every object contrasts with the background (their
 * luminances differ by at least {@value #MIN_CONTRAST}) and lies inside the image.
 */
public final class SyntheticShapes {

    static final double MIN_CONTRAST = 0.25;

    private SyntheticShapes() {
    }

    /** One object per image; the label is its {@link ShapeKind} ordinal (3 classes). */
    public static Dataset classification(int n, int height, int width, int channels, long seed) {
        Scenes s = Scenes.generate(n, height, width, channels, seed, "classification", rng -> 1, null, 0.20, 0.42, false);
        return new ShapesData(s) {
            @Override
            public int classes() {
                return ShapeKind.values().length;
            }

            @Override
            public int label(int index) {
                return scenes.objects(index).get(0).label();
            }
        };
    }

    /**
     * At most one object per image (one in ten images is empty), with the localisation target of
     * SPEC's {@code localize} head: {@code [Pc, bx, by, bh, bw, c1, c2, c3]}, the centre
     * {@code (bx, by)} and size as fractions of the image width and height, classes one-hot.
     */
    public static Dataset localization(int n, int height, int width, int channels, long seed) {
        Scenes s = Scenes.generate(n, height, width, channels, seed, "localization",
                rng -> rng.nextInt(10) == 0 ? 0 : 1, null, 0.12, 0.35, false);
        return new ShapesData(s) {
            @Override
            public int targetSize() {
                return 5 + ShapeKind.values().length;
            }

            @Override
            public void copyTarget(int index, float[] dst, int offset) {
                java.util.Arrays.fill(dst, offset, offset + targetSize(), 0f);
                List<Annotation> objects = scenes.objects(index);
                if (!objects.isEmpty()) {
                    Annotation a = objects.get(0);
                    dst[offset] = 1;
                    dst[offset + 1] = (float) (a.box().centreX() / width());
                    dst[offset + 2] = (float) (a.box().centreY() / height());
                    dst[offset + 3] = (float) (a.box().height() / height());
                    dst[offset + 4] = (float) (a.box().width() / width());
                    dst[offset + 5 + a.label()] = 1;
                }
            }
        };
    }

    /**
     * At most one object of {@code kind} per image (one in ten is empty), with the target of
     * SPEC's {@code landmarks} head: {@code [present, l1x, l1y, …]}, its corners clockwise from the
     * topmost as fractions of the image width and height; all zero when absent.
     */
    public static Dataset landmarks(int n, int height, int width, int channels, ShapeKind kind, long seed) {
        if (kind.corners() == 0) {
            throw new IllegalArgumentException(kind + " has no corners to use as landmarks");
        }
        Scenes s = Scenes.generate(n, height, width, channels, seed, "landmarks",
                rng -> rng.nextInt(10) == 0 ? 0 : 1, kind, 0.20, 0.42, false);
        return new ShapesData(s) {
            @Override
            public int targetSize() {
                return 1 + 2 * kind.corners();
            }

            @Override
            public void copyTarget(int index, float[] dst, int offset) {
                java.util.Arrays.fill(dst, offset, offset + targetSize(), 0f);
                List<Annotation> objects = scenes.objects(index);
                if (!objects.isEmpty()) {
                    float[] c = objects.get(0).corners();
                    dst[offset] = 1;
                    for (int i = 0; i < c.length; i += 2) {
                        dst[offset + 1 + i] = c[i] / width();
                        dst[offset + 2 + i] = c[i + 1] / height();
                    }
                }
            }
        };
    }

    /**
     * One to {@code maxObjects} objects per image, some overlapping (a later object is drawn
     * over an earlier one) and some touching the border; see {@link DetectionDataset}.
     */
    public static DetectionDataset detection(int n, int height, int width, int channels, int maxObjects, long seed) {
        if (maxObjects < 1) {
            throw new IllegalArgumentException("maxObjects must be at least 1: " + maxObjects);
        }
        Scenes s = Scenes.generate(n, height, width, channels, seed, "detection", rng -> rng.nextInt(1, maxObjects),
                null, 0.08, 0.22, true);
        class Detection extends ShapesData implements DetectionDataset {
            Detection() {
                super(s);
            }

            @Override
            public int objectClasses() {
                return ShapeKind.values().length;
            }

            @Override
            public int maxObjects() {
                return maxObjects;
            }

            @Override
            public List<Annotation> objects(int index) {
                return scenes.objects(index);
            }

            @Override
            public int classes() {
                return DetectionDataset.super.classes();
            }
        }
        return new Detection();
    }

    /** The image part shared by every variant. */
    private abstract static class ShapesData implements Dataset {

        final Scenes scenes;

        ShapesData(Scenes scenes) {
            this.scenes = scenes;
        }

        @Override
        public int size() {
            return scenes.size();
        }

        @Override
        public int height() {
            return scenes.height;
        }

        @Override
        public int width() {
            return scenes.width;
        }

        @Override
        public int channels() {
            return scenes.channels;
        }

        @Override
        public void copyImage(int index, float[] dst, int offset) {
            scenes.render(index, dst, offset);
        }

        @Override
        public int classes() {
            return 0;
        }
    }

    /** The layout of every image (cheap to keep), rendered to pixels on demand. */
    static final class Scenes {

        /** An object as drawn: kind, colour, geometry, and its annotation. */
        record Drawn(ShapeKind kind, float[] rgb, double cx, double cy, double r, double[] xs, double[] ys,
                     Annotation annotation) {
        }

        record Scene(float[] background, List<Drawn> objects) {
        }

        interface Count {
            int draw(Rng rng);
        }

        final int height;
        final int width;
        final int channels;
        private final Scene[] scenes;

        private Scenes(int height, int width, int channels, Scene[] scenes) {
            this.height = height;
            this.width = width;
            this.channels = channels;
            this.scenes = scenes;
        }

        static Scenes generate(int n, int height, int width, int channels, long seed, String variant, Count count,
                               ShapeKind onlyKind, double minSize, double maxSize, boolean crowd) {
            if (n < 0 || height < 4 || width < 4) {
                throw new IllegalArgumentException("shapes needs n >= 0 and images of at least 4x4, got " + n + " of "
                        + height + "x" + width);
            }
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("shapes draws 1 (gray) or 3 (RGB) channels, not " + channels);
            }
            Scene[] scenes = new Scene[n];
            double side = Math.min(height, width);
            for (int i = 0; i < n; i++) {
                Rng rng = Rng.stream(seed, "shapes/" + variant + "/" + i);
                float[] background = {rng.nextFloat(), rng.nextFloat(), rng.nextFloat()};
                int k = count.draw(rng);
                List<Drawn> objects = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    ShapeKind kind = onlyKind != null ? onlyKind : ShapeKind.values()[rng.nextInt(3)];
                    double r = Math.max(1.5, rng.uniform(minSize, maxSize) * side);
                    Drawn anchor = crowd && !objects.isEmpty() && rng.nextInt(3) == 0
                            ? objects.get(rng.nextInt(objects.size())) : null;
                    objects.add(place(rng, kind, r, height, width, contrasting(rng, background), anchor));
                }
                scenes[i] = new Scene(background, List.copyOf(objects));
            }
            return new Scenes(height, width, channels, scenes);
        }

        /** A colour whose luminance differs from the background's by at least MIN_CONTRAST. */
        private static float[] contrasting(Rng rng, float[] background) {
            double lb = luminance(background);
            while (true) {
                float[] c = {rng.nextFloat(), rng.nextFloat(), rng.nextFloat()};
                if (Math.abs(luminance(c) - lb) >= MIN_CONTRAST) {
                    return c;
                }
            }
        }

        /** ITU-R BT.601 luma, what PIL's "L" conversion uses. */
        static double luminance(float[] rgb) {
            return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
        }

        /**
         * Places an object of circumradius {@code r} inside the image: anywhere, flush against a
         * side (one time in four), or over {@code anchor} when given.
         */
        private static Drawn place(Rng rng, ShapeKind kind, double r, int height, int width, float[] rgb,
                                   Drawn anchor) {
            int corners = kind.corners();
            double angle = corners == 0 ? 0 : rng.uniform(0, 2 * Math.PI);
            double[] dx = new double[corners];
            double[] dy = new double[corners];
            for (int k = 0; k < corners; k++) {
                // increasing angle with y pointing down goes clockwise on screen
                double a = angle + 2 * Math.PI * k / corners;
                dx[k] = r * StrictMath.cos(a);
                dy[k] = r * StrictMath.sin(a);
            }
            double minX = corners == 0 ? -r : min(dx);
            double maxX = corners == 0 ? r : max(dx);
            double minY = corners == 0 ? -r : min(dy);
            double maxY = corners == 0 ? r : max(dy);
            double loX = -minX;
            double hiX = Math.max(loX, width - maxX);
            double loY = -minY;
            double hiY = Math.max(loY, height - maxY);
            double cx = rng.uniform(loX, hiX);
            double cy = rng.uniform(loY, hiY);
            if (anchor != null) {
                cx = clamp(anchor.cx() + rng.uniform(-anchor.r(), anchor.r()), loX, hiX);
                cy = clamp(anchor.cy() + rng.uniform(-anchor.r(), anchor.r()), loY, hiY);
            } else if (rng.nextInt(4) == 0) {
                switch (rng.nextInt(4)) {
                    case 0 -> cx = loX;
                    case 1 -> cx = hiX;
                    case 2 -> cy = loY;
                    default -> cy = hiY;
                }
            }
            double[] xs = new double[corners];
            double[] ys = new double[corners];
            int top = 0;
            for (int k = 0; k < corners; k++) {
                xs[k] = cx + dx[k];
                ys[k] = cy + dy[k];
                if (ys[k] < ys[top] || (ys[k] == ys[top] && xs[k] < xs[top])) {
                    top = k;
                }
            }
            float[] points = new float[2 * corners];
            for (int k = 0; k < corners; k++) {
                int from = (top + k) % corners;
                points[2 * k] = (float) xs[from];
                points[2 * k + 1] = (float) ys[from];
            }
            Box box = Box.corners(cx + minX, cy + minY, cx + maxX, cy + maxY);
            return new Drawn(kind, rgb, cx, cy, r, xs, ys, new Annotation(kind.ordinal(), box, points));
        }

        int size() {
            return scenes.length;
        }

        List<Annotation> objects(int index) {
            List<Annotation> out = new ArrayList<>();
            for (Drawn d : scenes[index].objects()) {
                out.add(d.annotation());
            }
            return out;
        }

        /** Fills the background, then draws each object over it: a pixel is covered when its centre is inside. */
        void render(int index, float[] dst, int offset) {
            Scene s = scenes[index];
            int n = height * width;
            for (int p = 0; p < n; p++) {
                put(dst, offset + p * channels, s.background());
            }
            for (Drawn d : s.objects()) {
                Box b = d.annotation().box();
                int x0 = Math.max(0, (int) Math.floor(b.x1()));
                int x1 = Math.min(width - 1, (int) Math.ceil(b.x2()));
                int y0 = Math.max(0, (int) Math.floor(b.y1()));
                int y1 = Math.min(height - 1, (int) Math.ceil(b.y2()));
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        if (inside(d, x + 0.5, y + 0.5)) {
                            put(dst, offset + (y * width + x) * channels, d.rgb());
                        }
                    }
                }
            }
        }

        private void put(float[] dst, int at, float[] rgb) {
            if (channels == 1) {
                dst[at] = (float) luminance(rgb);
            } else {
                dst[at] = rgb[0];
                dst[at + 1] = rgb[1];
                dst[at + 2] = rgb[2];
            }
        }

        static boolean inside(Drawn d, double px, double py) {
            if (d.kind() == ShapeKind.CIRCLE) {
                double ex = px - d.cx();
                double ey = py - d.cy();
                return ex * ex + ey * ey <= d.r() * d.r();
            }
            double[] xs = d.xs();
            double[] ys = d.ys();
            int k = xs.length;
            boolean negative = false;
            boolean positive = false;
            for (int i = 0; i < k; i++) {
                int j = (i + 1) % k;
                double cross = (xs[j] - xs[i]) * (py - ys[i]) - (ys[j] - ys[i]) * (px - xs[i]);
                negative |= cross < 0;
                positive |= cross > 0;
            }
            return !(negative && positive);
        }

        private static double min(double[] a) {
            double m = a[0];
            for (double v : a) {
                m = Math.min(m, v);
            }
            return m;
        }

        private static double max(double[] a) {
            double m = a[0];
            for (double v : a) {
                m = Math.max(m, v);
            }
            return m;
        }

        private static double clamp(double v, double lo, double hi) {
            return Math.max(lo, Math.min(hi, v));
        }
    }
}
