/**
 * The generated trainer {@code MTrainer} (SPEC §4): {@link cnn.compiler.codegen.training.TrainerGenerator}
 * writes it from a {@link cnn.compiler.lower.training.TrainingPlan} with JavaPoet, one emitter per
 * op family ({@code LinearEmitter} for conv, depthwise and dense; {@code PoolTrainEmitter};
 * {@code NormEmitter}; {@code LayoutTrainEmitter}; {@code PassEmitter}) writing each layer's
 * per-sample forward and backward bodies with literal sizes (in float trainers, convolutions with
 * one group and dense layers instead call the runtime kernels a chunk of samples at a time:
 * {@code KernelLayerWriter}), and
 * {@link cnn.compiler.codegen.training.TrainerJit} compiles it in memory beside {@code M}.
 * The element type is a parameter ({@link cnn.compiler.codegen.training.ElementType}): tests
 * generate double-precision trainers to check every gradient against central differences.
 */
package cnn.compiler.codegen.training;
