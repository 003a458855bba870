package cnn.compiler.cli.detect;

import cnn.runtime.detect.Detection;
import java.util.List;

/** What a detection head found in one image, in the image's pixels. */
public sealed interface Findings {

    /** Boxes with a class and a score: what yolo and localize heads give, after NMS. */
    record Boxes(List<Detection> detections) implements Findings {
        public Boxes {
            detections = List.copyOf(detections);
        }
    }

    /**
     * The landmarks of one object: its presence probability and its points {@code [x1, y1, x2, y2, …]};
     * {@code points} is empty when the presence is below the threshold.
     */
    record Points(double presence, double[] points) implements Findings {
        public Points {
            points = points.clone();
        }

        @Override
        public double[] points() {
            return points.clone();
        }

        public boolean found() {
            return points.length > 0;
        }
    }

    /** The same findings with every coordinate multiplied: x by {@code sx}, y by {@code sy}. */
    default Findings scaled(double sx, double sy) {
        if (this instanceof Boxes b) {
            return new Boxes(b.detections().stream().map(d -> new Detection(cnn.runtime.detect.Box.corners(
                    d.box().x1() * sx, d.box().y1() * sy, d.box().x2() * sx, d.box().y2() * sy), d.classId(),
                    d.score())).toList());
        }
        Points p = (Points) this;
        double[] xy = p.points();
        for (int i = 0; i < xy.length; i++) {
            xy[i] *= i % 2 == 0 ? sx : sy;
        }
        return new Points(p.presence(), xy);
    }
}
