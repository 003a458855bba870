package cnn.compiler.cli.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import cnn.runtime.detect.Box;
import cnn.runtime.detect.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What cnnc detect reports is the part of a predicted box inside the image. */
class DecoderTest {

    @Test
    void aLocalizedBoxPastTheTopRightCornerIsClippedToTheImage() {
        // Pc logit 8 (sigmoid 0.9997), centre (0.9, 0.1) and size 0.4 x 0.4 of a 48x48 image, class 1 by far
        float[] out = {8f, 0.9f, 0.1f, 0.4f, 0.4f, -10f, 10f, -10f};
        Findings.Boxes found = assertInstanceOf(Findings.Boxes.class,
                Decoder.localization(out, 3, 48, 48, 0.5, true));
        List<Detection> boxes = found.detections();
        assertEquals(1, boxes.size());
        // centre (43.2, 4.8), 19.2 a side: x 33.6 .. 52.8, y -4.8 .. 14.4, seen as x 33.6 .. 48, y 0 .. 14.4
        Box b = boxes.get(0).box();
        assertEquals(33.6, b.x1(), 1e-5);
        assertEquals(0, b.y1(), 1e-5);
        assertEquals(48, b.x2(), 1e-5);
        assertEquals(14.4, b.y2(), 1e-5);
        assertEquals(1, boxes.get(0).classId());
    }

    @Test
    void aBoxInsideTheImageIsLeftAsPredicted() {
        float[] out = {8f, 0.5f, 0.5f, 0.25f, 0.5f, 10f, -10f, -10f};
        Box b = ((Findings.Boxes) Decoder.localization(out, 3, 40, 80, 0.5, true)).detections().get(0).box();
        // centre (40, 20) of an 80-wide, 40-high image; 40 wide (0.5 of 80), 10 high (0.25 of 40)
        assertEquals(20, b.x1(), 1e-5);
        assertEquals(15, b.y1(), 1e-5);
        assertEquals(60, b.x2(), 1e-5);
        assertEquals(25, b.y2(), 1e-5);
    }
}
