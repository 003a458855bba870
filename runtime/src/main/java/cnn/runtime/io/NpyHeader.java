package cnn.runtime.io;

import java.nio.ByteOrder;

/**
 * What a {@code .npy} header declares: element type, byte order and shape (C order only).
 * {@link #dataBytes()} is what the data must then hold, exactly.
 */
public record NpyHeader(DType dtype, ByteOrder order, int[] shape) {

    public NpyHeader {
        shape = shape.clone();
        Shapes.elements(shape);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int elements() {
        return Shapes.elements(shape);
    }

    public long dataBytes() {
        return (long) elements() * dtype.itemSize();
    }

    /** numpy's {@code descr}, e.g. {@code <f4}. */
    public String descr() {
        return dtype.descr(order);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.dtype == dtype && h.order.equals(order)
                && java.util.Arrays.equals(h.shape, shape);
    }

    @Override
    public int hashCode() {
        return (dtype.hashCode() * 31 + order.hashCode()) * 31 + java.util.Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return descr() + " " + Shapes.format(shape);
    }
}
