/**
 * Optimizers over a model's flat parameter array ({@link cnn.runtime.optim.ParamLayout},
 * {@link cnn.runtime.optim.Sgd}, {@link cnn.runtime.optim.Adam}) and learning-rate schedules
 * ({@link cnn.runtime.optim.Schedule}), with PyTorch's update rules.
 */
package cnn.runtime.optim;
