/**
 * Seeded, deterministic initialisation ({@link cnn.runtime.init.Initializer}) and the random
 * generator the runtime shares ({@link cnn.runtime.init.Rng}) for data, shuffling and augmentation.
 */
package cnn.runtime.init;
