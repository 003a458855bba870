package cnn.compiler.graph;

/** Weight initialisation of a trainable layer ({@code init=}); biases always start at zero. */
public enum Init { HE, XAVIER, ZEROS }
