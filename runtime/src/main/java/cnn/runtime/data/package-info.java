/**
 * Training data: the {@link cnn.runtime.data.Dataset} abstraction and its sources
 * ({@link cnn.runtime.data.FashionMnist} via {@link cnn.runtime.data.Idx},
 * {@link cnn.runtime.data.SyntheticShapes}, {@link cnn.runtime.data.NpzDataset},
 * {@link cnn.runtime.data.ImageFolder}), {@link cnn.runtime.data.Split}, seeded
 * {@link cnn.runtime.data.Augmentation}s, and {@link cnn.runtime.data.BatchLoader}, which
 * prepares shuffled mini-batches on a background thread.
 */
package cnn.runtime.data;
