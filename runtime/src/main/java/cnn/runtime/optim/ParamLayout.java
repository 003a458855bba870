package cnn.runtime.optim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each parameter tensor of a model lives in the trainer's flat parameter array (and in
 * the parallel flat gradient array), whether the optimizer may change it, and the factor its
 * learning rate is scaled by (fine-tuning unfrozen layers at a lower rate).
 *
 * <p>Keeping every parameter in one {@code float[]} lets a distributed engine reduce all
 * gradients in one call, and lets an optimizer run one tight loop per tensor.
 *
 * @param tensors in the order they appear in the flat array; they must not overlap
 * @param size    the length of the flat parameter and gradient arrays
 */
public record ParamLayout(List<Tensor> tensors, int size) {

    /**
     * One tensor of the flat array.
     *
     * @param lrScale multiplies the learning rate of every step for this tensor; 1 is the
     *                rate of the schedule
     */
    public record Tensor(String name, int offset, int length, boolean trainable, double lrScale) {
        public Tensor {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a parameter tensor needs a name");
            }
            if (offset < 0 || length < 0) {
                throw new IllegalArgumentException("parameter tensor " + name + ": offset " + offset
                        + " and length " + length + " must not be negative");
            }
            if (!(lrScale >= 0) || Double.isInfinite(lrScale)) {
                throw new IllegalArgumentException("parameter tensor " + name + ": learning-rate scale "
                        + lrScale + " must be a finite number >= 0");
            }
        }

        public int end() {
            return offset + length;
        }
    }

    public ParamLayout {
        tensors = List.copyOf(tensors);
        Map<String, Tensor> seen = new HashMap<>();
        int previousEnd = 0;
        String previous = null;
        for (Tensor t : tensors) {
            if (seen.put(t.name(), t) != null) {
                throw new IllegalArgumentException("parameter tensor " + t.name() + " appears twice");
            }
            if (t.offset() < previousEnd) {
                throw new IllegalArgumentException("parameter tensor " + t.name() + " at offset " + t.offset()
                        + " overlaps " + previous + ", which ends at " + previousEnd);
            }
            if ((long) t.offset() + t.length() > size) {
                throw new IllegalArgumentException("parameter tensor " + t.name() + " ends at "
                        + ((long) t.offset() + t.length()) + ", past the flat array of " + size);
            }
            previousEnd = t.end();
            previous = t.name();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The tensor called {@code name}. */
    public Tensor tensor(String name) {
        for (Tensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no parameter tensor named " + name);
    }

    /** This layout with {@code name} trainable or frozen. */
    public ParamLayout withTrainable(String name, boolean trainable) {
        Tensor t = tensor(name);
        return replace(new Tensor(name, t.offset(), t.length(), trainable, t.lrScale()));
    }

    /** This layout with {@code name} at {@code lrScale} times the scheduled rate. */
    public ParamLayout withLrScale(String name, double lrScale) {
        Tensor t = tensor(name);
        return replace(new Tensor(name, t.offset(), t.length(), t.trainable(), lrScale));
    }

    /** True when both place the same tensors at the same offsets (masks and scales may differ). */
    public boolean sameGeometry(ParamLayout other) {
        if (size != other.size || tensors.size() != other.tensors.size()) {
            return false;
        }
        for (int i = 0; i < tensors.size(); i++) {
            Tensor a = tensors.get(i);
            Tensor b = other.tensors.get(i);
            if (!a.name().equals(b.name()) || a.offset() != b.offset() || a.length() != b.length()) {
                return false;
            }
        }
        return true;
    }

    private ParamLayout replace(Tensor changed) {
        List<Tensor> out = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            out.add(t.name().equals(changed.name()) ? changed : t);
        }
        return new ParamLayout(out, size);
    }

    /** Lays tensors out one after another in the order they are added. */
    public static final class Builder {
        private final List<Tensor> tensors = new ArrayList<>();
        private int size;

        private Builder() {
        }

        public Builder add(String name, int length) {
            return add(name, length, true, 1.0);
        }

        public Builder add(String name, int length, boolean trainable, double lrScale) {
            if ((long) size + length > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("parameter tensor " + name
                        + " makes the flat parameter array longer than a Java array can be");
            }
            tensors.add(new Tensor(name, size, length, trainable, lrScale));
            size += length;
            return this;
        }

        public ParamLayout build() {
            return new ParamLayout(tensors, size);
        }
    }
}
