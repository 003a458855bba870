package cnn.runtime.io;

import java.nio.ByteOrder;

/** The element types the runtime reads from {@code .npy} files (numpy's {@code descr} kinds). */
public enum DType {
    FLOAT32('f', 4),
    FLOAT64('f', 8),
    INT8('i', 1),
    UINT8('u', 1),
    INT16('i', 2),
    UINT16('u', 2),
    INT32('i', 4),
    UINT32('u', 4),
    INT64('i', 8),
    UINT64('u', 8),
    BOOL('b', 1);

    private final char kind;
    private final int itemSize;

    DType(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    public int itemSize() {
        return itemSize;
    }

    public boolean isFloat() {
        return kind == 'f';
    }

    /** numpy's name: {@code float32}, {@code uint8}, {@code bool}. */
    public String numpyName() {
        return switch (kind) {
            case 'f' -> "float" + itemSize * 8;
            case 'i' -> "int" + itemSize * 8;
            case 'u' -> "uint" + itemSize * 8;
            default -> "bool";
        };
    }

    /** The {@code descr} string numpy writes for this type in the given byte order. */
    public String descr(ByteOrder order) {
        char prefix = itemSize == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
        return "" + prefix + kind + itemSize;
    }

    /** The type of a kind letter and size, or {@code null} if the runtime does not read it. */
    static DType of(char kind, int itemSize) {
        for (DType t : values()) {
            if (t.kind == kind && t.itemSize == itemSize) {
                return t;
            }
        }
        return null;
    }
}
