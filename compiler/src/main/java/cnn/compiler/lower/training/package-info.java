/**
 * Lowering for training: {@link cnn.compiler.lower.training.TrainingPlan#lower} decides the loss
 * (the {@code train {}} section's, or the head's default) and where it attaches (the logits when
 * it fuses a final softmax or sigmoid), which layers the loss depends on, which tensors are kept
 * for the backward pass and which share their input's buffers, who writes each gradient first,
 * the flat parameter layout, and which layers start frozen.
 */
package cnn.compiler.lower.training;
