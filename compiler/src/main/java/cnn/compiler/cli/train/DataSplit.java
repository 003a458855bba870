package cnn.compiler.cli.train;

import cnn.runtime.data.Dataset;

/**
 * The data of a run: what it trains on, what it validates on after each epoch, and what it
 * measures the final test accuracy on. {@code validation} and {@code test} are null when the
 * source is too small to hold them out.
 *
 * @param source how the user named it ({@code fashion-mnist}, {@code shapes}, a path)
 * @param how    one line on where the parts came from, for the log and the report
 */
public record DataSplit(String source, Dataset train, Dataset validation, Dataset test, String how) {

    public int validationSize() {
        return validation == null ? 0 : validation.size();
    }

    public int testSize() {
        return test == null ? 0 : test.size();
    }
}
