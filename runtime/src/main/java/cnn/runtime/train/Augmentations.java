package cnn.runtime.train;

import cnn.runtime.data.Augmentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code augment} list of a {@code train {}} section as {@link TrainConfig#augment()}
 * carries it ({@code flip(horizontal)}, {@code rotate(15)}, {@code crop(4)},
 * {@code brightness(0.1)}) into the data package's transformations.
 */
public final class Augmentations {

    private static final Pattern CALL = Pattern.compile("\\s*([a-z_]+)\\s*(?:\\(\\s*([^)]*?)\\s*\\))?\\s*");

    private Augmentations() {
    }

    /** @throws IllegalArgumentException naming the entry that is not one of the four */
    public static List<Augmentation> parse(List<String> specs) {
        List<Augmentation> out = new ArrayList<>();
        for (String spec : specs) {
            out.add(parse(spec));
        }
        return out;
    }

    public static Augmentation parse(String spec) {
        Matcher m = CALL.matcher(spec.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw unknown(spec);
        }
        String name = m.group(1);
        String arg = m.group(2) == null ? "" : m.group(2);
        switch (name) {
            case "flip":
                return flip(spec, arg);
            case "rotate":
                return new Augmentation.Rotate(number(spec, arg));
            case "crop":
                double pixels = number(spec, arg);
                if (pixels != Math.rint(pixels) || pixels < 0) {
                    throw new IllegalArgumentException("augmentation " + spec + ": crop takes a whole number of pixels");
                }
                return new Augmentation.Crop((int) pixels);
            case "brightness":
                return new Augmentation.Brightness(number(spec, arg));
            default:
                throw unknown(spec);
        }
    }

    private static Augmentation flip(String spec, String arg) {
        switch (arg) {
            case "":
            case "horizontal":
                return new Augmentation.Flip(true, false);
            case "vertical":
                return new Augmentation.Flip(false, true);
            case "both":
                return new Augmentation.Flip(true, true);
            default:
                throw new IllegalArgumentException("augmentation " + spec
                        + ": flip takes horizontal, vertical or both");
        }
    }

    private static double number(String spec, String arg) {
        try {
            double v = Double.parseDouble(arg);
            if (Double.isFinite(v) && v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("augmentation " + spec + " needs a number >= 0 in its parentheses");
    }

    private static IllegalArgumentException unknown(String spec) {
        return new IllegalArgumentException("unknown augmentation '" + spec
                + "' (known: flip(horizontal), rotate(DEGREES), crop(PIXELS), brightness(DELTA))");
    }
}
