package cnn.compiler.graph;

import java.util.List;

/**
 * The closed set of operations a network node performs (SPEC §1.3). {@code sepconv} does not
 * appear here: the resolver expands it into {@link DepthwiseConv} then a 1x1 {@link Conv}.
 * Heads pass their input through unchanged; they carry what the loss and decoding need.
 */
public sealed interface Op {

    /** The name SPEC uses in summaries ({@code conv}, {@code maxpool}, …). */
    String opName();

    /**
     * @param constantWeights null, or a fixed kernel in {@code [out][in/groups][kh][kw]} order
     *                        (edge detectors); such a layer is still a parameter of the model
     */
    record Conv(int filters, Window window, PadSpec pad, int groups, boolean bias, Init init,
                float[] constantWeights) implements Op {
        @Override
        public String opName() {
            return "conv";
        }
    }

    record DepthwiseConv(int multiplier, Window window, PadSpec pad, boolean bias, Init init) implements Op {
        @Override
        public String opName() {
            return "dwconv";
        }
    }

    enum PoolKind { MAX, AVG }

    /** Max pooling pads with -inf; average pooling divides by the real pixels only. */
    record Pool(PoolKind kind, Window window, PadSpec pad) implements Op {
        @Override
        public String opName() {
            return kind == PoolKind.MAX ? "maxpool" : "avgpool";
        }
    }

    record GlobalPool(PoolKind kind) implements Op {
        @Override
        public String opName() {
            return kind == PoolKind.MAX ? "globalmaxpool" : "globalavgpool";
        }
    }

    /** Row-major H, W, C: the identity on NHWC memory. */
    record Flatten() implements Op {
        @Override
        public String opName() {
            return "flatten";
        }
    }

    record Dense(int units, boolean bias, Init init) implements Op {
        @Override
        public String opName() {
            return "dense";
        }
    }

    /**
     * A {@code dense} layer of a model compiled by {@code slide … over}: applied as a valid
     * convolution whose kernel covers the {@code kernelH x kernelW x channels} extent that the
     * original flattened, with stride 1. Its weights keep the dense layout {@code [units, in]}
     * so the detector's weights file loads as it is.
     */
    record SlidingDense(int units, int kernelH, int kernelW, int channels, boolean bias) implements Op {
        @Override
        public String opName() {
            return "dense";
        }
    }

    record BatchNorm(double eps, double momentum) implements Op {
        @Override
        public String opName() {
            return "batchnorm";
        }
    }

    record Dropout(double rate) implements Op {
        @Override
        public String opName() {
            return "dropout";
        }
    }

    /** Nearest neighbour. */
    record Upsample(int factor) implements Op {
        @Override
        public String opName() {
            return "upsample";
        }
    }

    record ZeroPad(Padding padding) implements Op {
        @Override
        public String opName() {
            return "zeropad";
        }
    }

    /** A standalone activation; as a suffix it is {@link Node#activation()} instead. */
    record Act(Activation activation) implements Op {
        @Override
        public String opName() {
            return activation.kind().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Element-wise sum of two or more equally shaped inputs. */
    record Add() implements Op {
        @Override
        public String opName() {
            return "add";
        }
    }

    /** Channel concatenation (the last axis) of inputs with equal H and W, in input order. */
    record Concat() implements Op {
        @Override
        public String opName() {
            return "concat";
        }
    }

    /** {@code [Pc, bx, by, bh, bw, c1…cC]}. */
    record Localize(int classes) implements Op {
        @Override
        public String opName() {
            return "localize";
        }
    }

    /** {@code [present, l1x, l1y, …]}. */
    record Landmarks(int count) implements Op {
        @Override
        public String opName() {
            return "landmarks";
        }
    }

    /** An anchor box in input pixels. */
    record Anchor(double width, double height) {
    }

    /** On an {@code S x S x A·(5 + C)} grid; per anchor {@code [tx, ty, tw, th, objectness, c1…cC]}. */
    record Yolo(int classes, List<Anchor> anchors) implements Op {
        @Override
        public String opName() {
            return "yolo";
        }
    }
}
