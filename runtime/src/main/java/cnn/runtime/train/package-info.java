/**
 * Training: the interface generated trainers implement ({@link cnn.runtime.train.TrainableModel})
 * and the generic loop that drives any of them ({@link cnn.runtime.train.Fit}): shuffled seeded
 * batches, the learning-rate schedule, validation each epoch, progress events, a guard against a
 * loss that is no longer a number, and checkpoints a run resumes from.
 */
package cnn.runtime.train;
