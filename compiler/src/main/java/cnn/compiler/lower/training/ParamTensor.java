package cnn.compiler.lower.training;

import java.util.Optional;

/**
 * A trainable tensor's place in the trainer's flat parameter array. Weights are kept in the
 * order the kernels read them ({@code [kh][kw][in/groups][out]}: the output channel fastest), so
 * an optimizer step needs no repacking; {@code packing} says how to convert from and to the
 * file layout {@code [out][in/groups][kh][kw]}. Biases and batchnorm scales are plain vectors.
 *
 * @param name    the weights-file key, e.g. {@code conv_1.weight}
 * @param layer   the layer it belongs to
 * @param offset  first index in the flat array
 * @param length  number of values
 * @param packing the file shape {@code [out, in/groups, kh, kw]} of a packed weight, or empty
 */
public record ParamTensor(String name, String layer, int offset, int length, Optional<int[]> packing) {

    public int end() {
        return offset + length;
    }
}
