package cnn.runtime.model;

import java.util.List;

/**
 * What a tool needs to know to drive a generated model without reading its constants.
 *
 * @param outputShapes per output, {@code [h, w, c]} for a feature map or {@code [n]} for a vector
 * @param parameterCount the summary's total parameters (running statistics included)
 */
public record ModelInfo(String name, int inputHeight, int inputWidth, int inputChannels, List<String> outputNames,
                        List<List<Integer>> outputShapes, long parameterCount) {

    public ModelInfo {
        outputNames = List.copyOf(outputNames);
        outputShapes = outputShapes.stream().map(List::copyOf).toList();
        if (outputNames.size() != outputShapes.size() || outputNames.isEmpty()) {
            throw new IllegalArgumentException("one shape per output name is required");
        }
    }

    /** Floats in one input sample. */
    public int inputSize() {
        return inputHeight * inputWidth * inputChannels;
    }

    /** Floats in one sample of output {@code i}. */
    public int outputSize(int i) {
        int n = 1;
        for (int d : outputShapes.get(i)) {
            n *= d;
        }
        return n;
    }
}
