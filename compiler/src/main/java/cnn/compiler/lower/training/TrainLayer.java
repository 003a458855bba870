package cnn.compiler.lower.training;

import java.util.List;

/**
 * A layer with trainable tensors: what {@code setFrozen} switches as one.
 *
 * @param index     position among the trainable layers, in network order
 * @param tensors   its weight and bias (or batchnorm scale and shift), in file order
 * @param frozen    frozen in the source ({@code frozen {}} or {@code use … frozen})
 * @param batchNorm a batchnorm layer: when frozen it also keeps (and uses) its running statistics
 */
public record TrainLayer(String name, int index, List<ParamTensor> tensors, boolean frozen, boolean batchNorm) {

    public TrainLayer {
        tensors = List.copyOf(tensors);
    }
}
