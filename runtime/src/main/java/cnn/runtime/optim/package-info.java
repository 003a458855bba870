/**
 * Optimizers over a model's flat parameter array ({@link cnn.runtime.optim.ParamLayout},
 * {@link cnn.runtime.optim.Sgd}, {@link cnn.runtime.optim.Adam}) and learning-rate schedules
 * ({@link cnn.runtime.optim.Schedule}), with PyTorch's update rules.
 *
 * <p>How a trainer uses them:
 * <pre>{@code
 * ParamLayout layout = ParamLayout.builder()
 *         .add("conv_1.weight", 150).add("conv_1.bias", 6)          // trainable, rate x1
 *         .add("dense_1.weight", 840, false, 1.0)                   // frozen
 *         .build();
 * float[] params = new float[layout.size()], grads = new float[layout.size()];
 * Optimizer opt = new Sgd(layout, new Sgd.Config(0.9, 0, 5e-4, true));
 * Schedule schedule = new Schedule.Cosine();
 * // per step: zero grads, forward, loss, backward into grads, then
 * opt.step(params, grads, schedule.lr(0.01, step, totalSteps));
 * }</pre>
 */
package cnn.runtime.optim;
