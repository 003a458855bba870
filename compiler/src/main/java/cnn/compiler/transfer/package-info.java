/**
 * Transfer learning (the lecture notes' practical advice): starting a model's reused layers from
 * a base model's weights file ({@link cnn.compiler.transfer.BaseWeights}), running a trunk once
 * over a dataset and caching its features ({@link cnn.compiler.transfer.FeatureCache}), and the
 * fine-tuning settings of a run ({@link cnn.compiler.transfer.FineTunePlan}).
 */
package cnn.compiler.transfer;
