package cnn.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnnc train --data shapes} on the three detection heads, with generated trainers and a
 * few steps: the right kind of shapes data, the head's held-out metric after the epoch and on the
 * test set, and in the report. How well the examples learn is the examples module's business.
 */
class DetectionTrainCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run train(String model) throws IOException {
        return train(model, "shapes");
    }

    private Run train(String model, String data) throws IOException {
        Path file = dir.resolve("m.cnn");
        Files.writeString(file, model);
        String[] args = {"train", file.toString(), "--data", data, "--steps", "3", "--batch", "8", "--out",
            dir.resolve("run").toString(), "--progress", "none"};
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cnnc.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString().replace("\r", ""), err.toString().replace("\r", ""));
    }

    @Test
    void aYoloModelTrainsOnShapesBoxesAndIsScoredByMeanAveragePrecision() throws IOException {
        Run r = train("""
                model Tiny {
                    input 16x16x3
                    conv 8, 3 stride=4 pad=same relu
                    conv 16, 1
                    yolo classes=3 anchors=[(3, 3), (6, 6)]
                }
                """);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("data: synthetic shapes (detection): 10000 train, 2000 test"), r.out());
        assertTrue(r.out().contains("loss yolo"), r.out());
        assertTrue(Pattern.compile("epoch 1/\\d+ \\(3 batches\\): loss [0-9.]+ \\| validation loss [0-9.]+, "
                + "mAP@0\\.5 [01]\\.\\d{3} \\|").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("\ntest mAP@0\\.5: [01]\\.\\d{3} \\(2000 images, loss [0-9.]+\\)\n")
                .matcher(r.out()).find(), r.out());
        String report = Files.readString(dir.resolve("run/report.json"));
        assertTrue(report.contains("\"val_mAP@0.5\": "), report);
        assertTrue(Pattern.compile("\"test\": \\{[^}]*\"mAP@0\\.5\": ").matcher(report).find(), report);
    }

    @Test
    void localizeAndLandmarksModelsGetTheirOwnShapesAndScores() throws IOException {
        Run loc = train("""
                model Loc {
                    input 16x16x3
                    conv 4, 3 stride=2 relu
                    flatten
                    dense 8
                    localize classes=3
                }
                """);
        assertEquals(0, loc.code(), loc.out() + loc.err());
        assertTrue(loc.out().contains("data: synthetic shapes (localization)"), loc.out());
        assertTrue(Pattern.compile("\ntest correct@0\\.5: [01]\\.\\d{3} \\(2000 images").matcher(loc.out()).find(),
                loc.out());

        Run marks = train("""
                model Marks {
                    input 16x16x1
                    conv 4, 3 stride=2 relu
                    flatten
                    dense 9
                    landmarks 4
                }
                """);
        assertEquals(0, marks.code(), marks.out() + marks.err());
        assertTrue(marks.out().contains("data: synthetic shapes (landmarks)"), marks.out());
        assertTrue(Pattern.compile("\ntest point error \\(px\\): \\d+\\.\\d{3} \\(2000 images").matcher(marks.out())
                .find(), marks.out());
    }

    @Test
    void shapesNeedsAYoloHeadWithItsThreeClassesOrNone() throws IOException {
        Run two = train("""
                model Two {
                    input 16x16x3
                    conv 14, 3 stride=4 pad=same
                    yolo classes=2 anchors=[(3, 3), (6, 6)]
                }
                """);
        assertEquals(1, two.code());
        assertEquals("cnnc train: --data shapes: the data has 3 object classes but the yolo heads have classes=2; give "
                + "them classes=3, or classes=0 to find objects of any class\n", two.err());

        Run any = train("""
                model Any {
                    input 16x16x3
                    conv 10, 3 stride=4 pad=same
                    yolo classes=0 anchors=[(3, 3), (6, 6)]
                }
                """);
        assertEquals(0, any.code(), any.out() + any.err());
        assertTrue(any.out().contains("test mAP@0.5: "), any.out());

        Path folder = Files.createDirectories(dir.resolve("photos/cat"));
        Run photos = train("""
                model Folder {
                    input 16x16x3
                    conv 10, 3 stride=4 pad=same
                    yolo classes=0 anchors=[(3, 3), (6, 6)]
                }
                """, folder.getParent().toString());
        assertEquals(1, photos.code());
        assertTrue(photos.err().startsWith("cnnc train: --data " + folder.getParent() + ": a yolo head trains on boxes:"),
                photos.err());
    }
}
