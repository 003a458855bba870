package cnn.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    @TempDir
    Path dir;

    private void png(String path, int w, int h, int[] rgb) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < rgb.length; i++) {
            img.setRGB(i % w, i / w, rgb[i]);
        }
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        ImageIO.write(img, "png", p.toFile());
    }

    @Test
    void classesAreSortedFolderNamesAndImagesAreResized() throws IOException {
        png("zebra/a.png", 2, 1, new int[] {0x000000, 0xffffff});
        png("ant/b.png", 1, 1, new int[] {0xff0000});
        png("ant/a.png", 1, 1, new int[] {0x0000ff});
        Files.writeString(dir.resolve("ant/notes.txt"), "ignored");
        ImageFolder f = ImageFolder.load(dir, 1, 4, 3, Resize.BILINEAR);
        assertEquals(List.of("ant", "zebra"), f.classNames());
        assertEquals(3, f.size());
        assertEquals(List.of(0, 0, 1), List.of(f.label(0), f.label(1), f.label(2)));
        assertTrue(f.file(0).endsWith("ant/a.png"));
        float[] px = new float[12];
        f.copyImage(0, px, 0);
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1}, px); // one blue pixel stretched
        f.copyImage(2, px, 0);
        // [black, white] to width 4 bilinear = [0, .25, .75, 1], stored as bytes: round(255 x) / 255
        float q = Math.round(0.25f * 255) / 255f;
        float r = Math.round(0.75f * 255) / 255f;
        assertArrayEquals(new float[] {0, 0, 0, q, q, q, r, r, r, 1, 1, 1}, px);
    }

    @Test
    void convertsToGray() throws IOException {
        png("c/x.png", 1, 1, new int[] {0x336699});
        ImageFolder f = ImageFolder.load(dir, 2, 2, 1, Resize.NEAREST);
        float[] px = new float[4];
        f.copyImage(0, px, 0);
        float luma = Math.round((0.299f * 0x33 + 0.587f * 0x66 + 0.114f * 0x99)) / 255f;
        assertArrayEquals(new float[] {luma, luma, luma, luma}, px);
    }

    @Test
    void namesBadFilesAndFolders() throws IOException {
        assertTrue(message(dir.resolve("nope")).endsWith("nope: no such directory"));
        assertTrue(message(dir).contains("no class subfolders"));
        Files.createDirectories(dir.resolve("empty"));
        assertTrue(message(dir).contains("empty: class folder holds no images"));
        png("empty/ok.png", 1, 1, new int[] {0});
        Files.writeString(dir.resolve("empty/broken.png"), "not a png");
        String m = message(dir);
        assertTrue(m.contains("broken.png"), m);
    }

    @Test
    void anImageDeclaringBillionsOfPixelsIsRefusedBeforeDecoding() throws IOException {
        // a valid PNG signature and header for 100,000 x 100,000 grey pixels, and a few bytes of data
        Files.createDirectories(dir.resolve("bomb"));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(100_000).putInt(100_000).put((byte) 8)
                .put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat)) {
            z.write(new byte[64]);
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        Files.write(dir.resolve("bomb/big.png"), png.toByteArray());
        String m = message(dir);
        assertTrue(m.contains("big.png: the image declares 100000 x 100000 pixels, more than"), m);
        // a PNG cut in the middle of its data is named too
        byte[] whole = png.toByteArray();
        Files.write(dir.resolve("bomb/big.png"), Arrays.copyOf(whole, 20));
        assertTrue(message(dir).contains("big.png"), message(dir));
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(type.getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void aSplitOfAFolderHasNoOverlap() throws IOException {
        for (int i = 0; i < 20; i++) {
            png((i % 2 == 0 ? "even/" : "odd/") + i + ".png", 1, 1, new int[] {i * 10});
        }
        ImageFolder f = ImageFolder.load(dir, 1, 1, 3, Resize.NEAREST);
        Split s = Split.of(f, 0.25, 3);
        assertEquals(5, s.validation().size());
        java.util.Set<Float> seen = new java.util.HashSet<>();
        float[] px = new float[3];
        for (Dataset d : List.of(s.train(), s.validation())) {
            for (int i = 0; i < d.size(); i++) {
                d.copyImage(i, px, 0);
                assertTrue(seen.add(px[2]), "image with blue " + px[2] + " appears twice");
            }
        }
        assertEquals(20, seen.size());
    }

    private static String message(Path p) {
        return assertThrows(DatasetException.class, () -> ImageFolder.load(p, 2, 2, 3, Resize.NEAREST)).getMessage();
    }
}
