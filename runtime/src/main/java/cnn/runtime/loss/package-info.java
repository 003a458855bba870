/**
 * Training losses with their gradients at the network output, batch-averaged as PyTorch's
 * {@code reduction='mean'}: classification and regression ({@link cnn.runtime.loss.SoftmaxCrossEntropy},
 * {@link cnn.runtime.loss.BinaryCrossEntropy}, {@link cnn.runtime.loss.MeanSquaredError}) and the
 * detection heads ({@link cnn.runtime.loss.LocalizationLoss}, {@link cnn.runtime.loss.LandmarksLoss},
 * {@link cnn.runtime.loss.YoloLoss} with {@link cnn.runtime.loss.YoloTargets}).
 */
package cnn.runtime.loss;
