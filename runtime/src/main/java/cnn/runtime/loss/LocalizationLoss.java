package cnn.runtime.loss;

import java.util.Arrays;

/**
 * The loss of the {@code localize} head, whose output per sample is
 * {@code [Pc, bx, by, bh, bw, c1 … cC]}; the target has the same layout, with Pc 1 when an
 * object is present and 0 when not, and the classes one-hot. A target Pc above 0.5 counts as
 * present.
 *
 * <ul>
 * <li>{@link HeadLossStyle#SQUARED} (the lecture notes): present,
 *     {@code Σ (ŷ − y)²} over all 5 + C values; absent, {@code (ŷ_Pc − y_Pc)²}.</li>
 * <li>{@link HeadLossStyle#LOGISTIC} (the default): {@code bce(ŷ_Pc, y_Pc)}, plus when present
 *     {@code Σ (ŷ − y)²} over bx, by, bh, bw and the softmax cross-entropy of the class logits.</li>
 * </ul>
 * The loss of a batch is the sum per sample averaged over the samples. The box values are used
 * as the data gives them; they train best in units near 1 (fractions of the image).
 */
public final class LocalizationLoss implements Loss {

    private final int classes;
    private final HeadLossStyle style;

    public LocalizationLoss(int classes, HeadLossStyle style) {
        if (classes < 0) {
            throw new IllegalArgumentException("localize: classes " + classes + " must not be negative");
        }
        this.classes = classes;
        this.style = style;
    }

    public LocalizationLoss(int classes) {
        this(classes, HeadLossStyle.LOGISTIC);
    }

    public HeadLossStyle style() {
        return style;
    }

    @Override
    public int size() {
        return 5 + classes;
    }

    @Override
    public double loss(float[] output, float[] target, int n, float[] grad) {
        int size = size();
        Batches.check("localization", size, output, target, n, grad);
        double scale = 1.0 / n;
        double total = 0;
        for (int s = 0; s < n; s++) {
            int base = s * size;
            boolean present = target[base] > 0.5f;
            if (grad != null) {
                Arrays.fill(grad, base, base + size, 0f);
            }
            if (style == HeadLossStyle.SQUARED) {
                total += HeadTerms.squared(output, target, base, present ? size : 1, grad, scale);
            } else {
                total += HeadTerms.presence(output, target, base, grad, scale);
                if (present) {
                    total += HeadTerms.squared(output, target, base + 1, 4, grad, scale);
                    if (classes > 0) {
                        total += StableMath.softmaxCrossEntropy(output, base + 5, target, base + 5, classes, grad,
                                base + 5, scale);
                    }
                }
            }
        }
        return total * scale;
    }
}
