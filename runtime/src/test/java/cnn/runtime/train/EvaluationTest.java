package cnn.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cnn.runtime.data.ArrayDataset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    /**
     * Four 2x2x1 samples against a model whose logits are the first three pixels (weights the
     * identity on them, bias 0). Worked by hand:
     * <pre>
     *   sample  pixels        label  prediction  loss = logsumexp(z) − z[label]
     *   0       [2, 0, 0, 0]  0      0           ln(e² + 2) − 2
     *   1       [0, 3, 0, 0]  1      1           ln(e³ + 2) − 3
     *   2       [0, 0, 1, 0]  2      2           ln(e + 2) − 1
     *   3       [1, 0, 0, 0]  2      0 (wrong)   ln(e + 2) − 0
     * </pre>
     */
    @Test
    void accuracyAndLossOverEveryBatchWorkedByHand() {
        ArrayDataset data = ArrayDataset.labelled(2, 2, 1,
                new float[] {2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0}, new int[] {0, 1, 2, 2}, 3);
        double e = Math.E;
        double expectedLoss = (Math.log(e * e + 2) - 2 + Math.log(e * e * e + 2) - 3 + Math.log(e + 2) - 1
                + Math.log(e + 2)) / 4;
        for (int batch : new int[] {1, 3, 4}) {
            SoftmaxRegression m = new SoftmaxRegression(2, 2, 1, 3, 4,
                    SoftmaxRegression.config("sgd", 0.1, 4, 1, 1));
            float[] w = new float[12];
            w[0] = 1;      // class 0 reads pixel 0
            w[4 + 1] = 1;  // class 1 reads pixel 1
            w[8 + 2] = 1;  // class 2 reads pixel 2
            m.loadTensors(Map.of(SoftmaxRegression.WEIGHT, w, SoftmaxRegression.BIAS, new float[3]));

            Evaluation.Result r = Evaluation.run(m, data, batch);
            assertEquals(4, r.samples());
            assertEquals(0.75, r.metric(Evaluation.ACCURACY), 0, "batch " + batch);
            assertEquals(expectedLoss, r.loss(), 1e-6, "batch " + batch);
        }
    }

    @Test
    void floatTargetsHaveNoAccuracy() {
        ArrayDataset data = ArrayDataset.withTargets(2, 2, 1, new float[8], new float[] {1, 0, 0, 0, 1, 0}, 3);
        SoftmaxRegression m = new SoftmaxRegression(2, 2, 1, 3, 4, SoftmaxRegression.config("sgd", 0.1, 4, 1, 1));
        Evaluation.Result r = Evaluation.run(m, data, 4);
        assertEquals(Double.NaN, r.metric(Evaluation.ACCURACY));
        assertEquals(Math.log(3), r.loss(), 1e-6); // zero weights: uniform softmax against one-hot targets
    }
}
