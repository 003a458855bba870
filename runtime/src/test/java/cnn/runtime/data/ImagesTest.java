package cnn.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Expected values from torch.nn.functional.interpolate (PyTorch 1.13), computed by hand once. */
class ImagesTest {

    @Test
    void bilinearMatchesPyTorchAlignCornersFalse() {
        // interpolate([[0, 1]], size=(1, 4), mode='bilinear', align_corners=False) = [0, .25, .75, 1]
        assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, Images.resize(new float[] {0, 1}, 1, 2, 1, 1, 4, Resize.BILINEAR));
        // [[0, 1, 2, 3]] to width 2 = [0.5, 2.5]
        assertArrayEquals(new float[] {0.5f, 2.5f}, Images.resize(new float[] {0, 1, 2, 3}, 1, 4, 1, 1, 2, Resize.BILINEAR));
        // arange(9).reshape(3, 3) to 2 x 2 = [[1, 2.5], [5.5, 7]]
        float[] nine = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        assertArrayEquals(new float[] {1, 2.5f, 5.5f, 7}, Images.resize(nine, 3, 3, 1, 2, 2, Resize.BILINEAR));
    }

    @Test
    void nearestMatchesPyTorchNearestExact() {
        assertArrayEquals(new float[] {1, 3}, Images.resize(new float[] {0, 1, 2, 3}, 1, 4, 1, 1, 2, Resize.NEAREST));
        // arange(9).reshape(3, 3) to 5 x 5, mode='nearest-exact', first two rows and the middle one
        float[] nine = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        float[] out = Images.resize(nine, 3, 3, 1, 5, 5, Resize.NEAREST);
        assertArrayEquals(new float[] {0, 0, 1, 2, 2, 0, 0, 1, 2, 2, 3, 3, 4, 5, 5},
                java.util.Arrays.copyOf(out, 15));
    }

    @Test
    void resizeKeepsChannelsApart() {
        float[] rgb = {1, 0, 0, 0, 0, 1}; // red, blue: 1 x 2 x 3
        assertArrayEquals(new float[] {1, 0, 0, 0.75f, 0, 0.25f, 0.25f, 0, 0.75f, 0, 0, 1},
                Images.resize(rgb, 1, 2, 3, 1, 4, Resize.BILINEAR));
    }

    @Test
    void convertsBetweenGrayAndRgb() {
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xff0000);
        rgb.setRGB(1, 0, 0x336699);
        assertArrayEquals(new float[] {1, 0, 0, 0x33 / 255f, 0x66 / 255f, 0x99 / 255f}, Images.pixels(rgb, 3));
        float[] gray = Images.pixels(rgb, 1);
        assertEquals(0.299, gray[0], 1e-6); // BT.601 luma of pure red
        assertEquals((0.299 * 0x33 + 0.587 * 0x66 + 0.114 * 0x99) / 255, gray[1], 1e-6);

        BufferedImage g = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setSample(0, 0, 0, 10);
        g.getRaster().setSample(1, 0, 0, 200);
        // raw samples, not passed through a colour-space conversion
        assertArrayEquals(new float[] {10 / 255f, 10 / 255f, 10 / 255f, 200 / 255f, 200 / 255f, 200 / 255f},
                Images.pixels(g, 3));
        assertArrayEquals(new float[] {10 / 255f, 200 / 255f}, Images.pixels(g, 1));
    }
}
