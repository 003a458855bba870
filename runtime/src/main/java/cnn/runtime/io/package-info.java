/**
 * numpy {@code .npy}/{@code .npz} files and model weights. Entry points: {@link cnn.runtime.io.Npy},
 * {@link cnn.runtime.io.Npz}, {@link cnn.runtime.io.NpzReader}, {@link cnn.runtime.io.Weights},
 * {@link cnn.runtime.io.AtomicFile}. Every format error is an {@link cnn.runtime.io.NpyFormatException}
 * naming the file and entry; weights problems are a {@link cnn.runtime.io.WeightsException}.
 */
package cnn.runtime.io;
