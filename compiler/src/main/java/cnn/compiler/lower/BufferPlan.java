package cnn.compiler.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which workspace buffer holds each tensor. Buffers are reused once every reader of a tensor
 * has run, so a deep network needs a few activation buffers rather than one per layer.
 * A step's output never shares a buffer with its inputs; outputs of the network stay live to the end.
 *
 * @param slotOf    tensor → buffer index
 * @param slotSizes floats per buffer
 */
public record BufferPlan(Map<String, Integer> slotOf, List<Integer> slotSizes) {

    public BufferPlan {
        slotOf = Map.copyOf(slotOf);
        slotSizes = List.copyOf(slotSizes);
    }

    public int slot(String tensor) {
        Integer s = slotOf.get(tensor);
        if (s == null) {
            throw new IllegalArgumentException("no buffer for tensor " + tensor);
        }
        return s;
    }

    /** Total floats one workspace holds. */
    public long totalFloats() {
        return slotSizes.stream().mapToLong(Integer::longValue).sum();
    }

    /**
     * @param input      the input tensor and its size
     * @param steps      in execution order
     * @param sizes      floats of every tensor a step writes
     * @param liveToEnd  tensors that must survive every step (the network's outputs)
     */
    static BufferPlan allocate(String input, int inputSize, List<Step> steps, Map<String, Integer> sizes,
                               List<String> liveToEnd) {
        Map<String, Integer> lastRead = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            for (String t : steps.get(i).inputs()) {
                lastRead.put(t, i);
            }
        }
        for (String t : liveToEnd) {
            lastRead.put(t, Integer.MAX_VALUE);
        }
        Map<String, Integer> slotOf = new HashMap<>();
        List<Integer> slotSizes = new ArrayList<>();
        // free buffers by size, then index, so the choice is deterministic
        TreeMap<Long, Integer> free = new TreeMap<>();
        slotOf.put(input, 0);
        slotSizes.add(inputSize);
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            int need = sizes.get(s.output());
            int slot = take(free, slotSizes, need);
            slotOf.put(s.output(), slot);
            for (String t : new LinkedHashSet<>(s.inputs())) {
                if (lastRead.get(t) == i && !liveToEnd.contains(t)) {
                    int freed = slotOf.get(t);
                    free.put(key(slotSizes.get(freed), freed), freed);
                }
            }
            if (!lastRead.containsKey(s.output())) {
                // written but never read (cannot happen for a checked network): release at once
                free.put(key(slotSizes.get(slot), slot), slot);
            }
        }
        return new BufferPlan(slotOf, slotSizes);
    }

    private static long key(int size, int slot) {
        return ((long) size << 20) | slot;
    }

    /** The smallest free buffer that fits; else the largest free one, grown; else a new one. */
    private static int take(TreeMap<Long, Integer> free, List<Integer> slotSizes, int need) {
        Map.Entry<Long, Integer> fit = free.ceilingEntry(key(need, 0));
        if (fit != null) {
            free.remove(fit.getKey());
            return fit.getValue();
        }
        Map.Entry<Long, Integer> largest = free.lastEntry();
        if (largest != null) {
            free.remove(largest.getKey());
            slotSizes.set(largest.getValue(), need);
            return largest.getValue();
        }
        slotSizes.add(need);
        return slotSizes.size() - 1;
    }
}
