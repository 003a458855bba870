#!/usr/bin/env python3
"""Writes the PyTorch golden fixtures that the Java comparison tests check generated code against.

Usage (PyTorch 1.13 and numpy; on the project machine that is /usr/bin/python3):

    /usr/bin/python3 tools/reference/make_fixtures.py [--out DIR] [--check] [CASE ...]

For every case it writes into DIR/<case>/ (default compiler/src/test/resources/reference/):
  model.cnn    the network in the cnn language (SPEC §1), one model
  weights.npz  its weights, keyed and laid out per SPEC §5
  input.npy    N x H x W x C float32 (NHWC)
  output.npy   N x H x W x C float32, or N x K for a vector output

Each case below is written twice by hand: once as cnn source, once as PyTorch operations on
weights named as SPEC §1.4 names the layers. The two are independent: the cnn text is never
generated from the PyTorch code, so the fixtures test the compiler's naming and semantics too.
--check regenerates everything in memory and fails if a committed file differs.
"""

import argparse
import pathlib
import sys
import textwrap

import numpy as np
import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from reference_ops import (  # noqa: E402
    Params, activation, add, avgpool, batchnorm, case_seed, concat, conv, dense, dwconv, flatten,
    globalavgpool, globalmaxpool, maxpool, sepconv, upsample, zeropad)

BATCH = 2
CASES = {}


class Case:
    def __init__(self, name, input_hwc, output, source, forward, scale, offset):
        self.name = name
        self.input_hwc = input_hwc
        self.output = output
        self.source = textwrap.dedent(source).strip() + "\n"
        self.forward = forward
        self.scale = scale
        self.offset = offset


def case(name, input_hwc, output, source, scale=1.0, offset=0.0):
    """Registers a case. `output` is the per-sample shape worked out by hand from SPEC §1.3
    (H, W, C) or (K,); the PyTorch result must have it. `scale` widens the input's range (to
    reach relu6's clip and the saturating activations); `offset` shifts it (to make it mostly
    negative)."""
    def register(forward):
        if name in CASES:
            raise ValueError(f"case {name} twice")
        CASES[name] = Case(name, input_hwc, output, source, forward, scale, offset)
        return forward
    return register


# ---- convolution ------------------------------------------------------------------------------

@case("conv_valid", (7, 6, 3), (5, 4, 4), """
    model ConvValid {
        input 7x6x3
        conv 4, 3
    }
""")
def _(x, p):
    return conv(x, p, "conv_1", 4, 3)


@case("conv_same_odd", (7, 6, 3), (7, 6, 4), """
    model ConvSameOdd {
        input 7x6x3
        conv 4, 3 pad=same
    }
""")
def _(x, p):
    return conv(x, p, "conv_1", 4, 3, pad="same")


# Even kernel, stride 1: total padding 3 per axis, 1 before and 2 after.
@case("conv_same_even", (7, 6, 3), (7, 6, 4), """
    model ConvSameEven {
        input 7x6x3
        conv 4, 4 pad=same
    }
""")
def _(x, p):
    return conv(x, p, "conv_1", 4, 4, pad="same")


# Stride 2, 3x3 on 8x7: rows need 1 pixel of padding (0 top, 1 bottom), columns 2 (1 and 1).
@case("conv_same_stride2_odd", (8, 7, 3), (4, 4, 4), """
    model ConvSameStride2Odd {
        input 8x7x3
        conv 4, 3 stride=2 pad=same
    }
""")
def _(x, p):
    return conv(x, p, "conv_1", 4, 3, stride=2, pad="same")


# Stride 2, 4x4 on 9x8: rows total 3 (1 top, 2 bottom), columns total 2 (1 and 1).
@case("conv_same_stride2_even", (9, 8, 3), (5, 4, 4), """
    model ConvSameStride2Even {
        input 9x8x3
        conv 4, 4 stride=2 pad=same
    }
""")
def _(x, p):
    return conv(x, p, "conv_1", 4, 4, stride=2, pad="same")


# Stride 3, 2x2 on 7x8: rows total 1 (0 top, 1 bottom), columns total 0.
@case("conv_same_stride3", (7, 8, 2), (3, 3, 3), """
    model ConvSameStride3 {
        input 7x8x2
        conv 3, 2 stride=3 pad=same
    }
""")
def _(x, p):
    return conv(x, p, "conv_1", 3, 2, stride=3, pad="same")


# Dilation 2 widens 3x3 to an effective 5x5: same pads 2 on every side.
@case("conv_same_dilated", (7, 6, 3), (7, 6, 4), """
    model ConvSameDilated {
        input 7x6x3
        conv 4, 3 dilation=2 pad=same
    }
""")
def _(x, p):
    return conv(x, p, "conv_1", 4, 3, dilation=2, pad="same")


@case("conv_pad_int", (7, 6, 3), (9, 8, 4), """
    model ConvPadInt {
        input 7x6x3
        conv 4, 3 pad=2
    }
""")
def _(x, p):
    return conv(x, p, "conv_1", 4, 3, pad=2)


# (t, b, l, r) = (1, 2, 0, 3): 7 + 3 - 3 + 1 = 8 rows, 6 + 3 - 3 + 1 = 7 columns.
@case("conv_pad_explicit", (7, 6, 3), (8, 7, 4), """
    model ConvPadExplicit {
        input 7x6x3
        conv 4, 3 pad=(1, 2, 0, 3)
    }
""")
def _(x, p):
    return conv(x, p, "conv_1", 4, 3, pad=(1, 2, 0, 3))


# Valid stride 2: 9 rows give 4, 8 columns give 3 and leave the last column unused.
@case("conv_stride", (9, 8, 3), (4, 3, 5), """
    model ConvStride {
        input 9x8x3
        conv 5, 3 stride=2
    }
""")
def _(x, p):
    return conv(x, p, "conv_1", 5, 3, stride=2)


@case("conv_dilation", (9, 8, 3), (5, 4, 4), """
    model ConvDilation {
        input 9x8x3
        conv 4, 3 dilation=2
    }
""")
def _(x, p):
    return conv(x, p, "conv_1", 4, 3, dilation=2)


@case("conv_groups", (6, 5, 4), (4, 3, 6), """
    model ConvGroups {
        input 6x5x4
        conv 6, 3 groups=2
        conv 6, 1 groups=3
    }
""")
def _(x, p):
    x = conv(x, p, "conv_1", 6, 3, groups=2)
    return conv(x, p, "conv_2", 6, 1, groups=3)


@case("conv_no_bias", (7, 6, 3), (5, 4, 4), """
    model ConvNoBias {
        input 7x6x3
        conv 4, 3 bias=false
    }
""")
def _(x, p):
    return conv(x, p, "conv_1", 4, 3, bias=False)


# Rectangular kernels: 1x3 (rows 1, columns 3) then 3x2 with same (columns pad 0 left, 1 right).
@case("conv_rect_kernel", (6, 7, 3), (6, 7, 5), """
    model ConvRectKernel {
        input 6x7x3
        conv 4, 1x3 pad=same
        conv 5, 3x2 pad=same
    }
""")
def _(x, p):
    x = conv(x, p, "conv_1", 4, (1, 3), pad="same")
    return conv(x, p, "conv_2", 5, (3, 2), pad="same")


@case("conv_stack", (8, 8, 3), (2, 2, 6), """
    model ConvStack {
        input 8x8x3
        conv 4, 3 relu
        conv 6, 3 stride=2 relu
    }
""")
def _(x, p):
    x = conv(x, p, "conv_1", 4, 3, act="relu")
    return conv(x, p, "conv_2", 6, 3, stride=2, act="relu")


# ---- depthwise and separable ------------------------------------------------------------------

@case("dwconv_m1", (7, 6, 3), (7, 6, 3), """
    model DwconvM1 {
        input 7x6x3
        dwconv 3 pad=same
    }
""")
def _(x, p):
    return dwconv(x, p, "dwconv_1", 3, pad="same")


# Multiplier 2: output channel c·2 + m filters input channel c.
@case("dwconv_m2", (8, 7, 3), (3, 3, 6), """
    model DwconvM2 {
        input 8x7x3
        dwconv 3 multiplier=2 stride=2
    }
""")
def _(x, p):
    return dwconv(x, p, "dwconv_1", 3, multiplier=2, stride=2)


@case("dwconv_dilated_no_bias", (7, 6, 4), (7, 6, 4), """
    model DwconvDilatedNoBias {
        input 7x6x4
        dwconv 3 dilation=2 pad=same bias=false relu
    }
""")
def _(x, p):
    return dwconv(x, p, "dwconv_1", 3, dilation=2, pad="same", bias=False, act="relu")


@case("dwconv_same_stride2", (8, 7, 3), (4, 4, 3), """
    model DwconvSameStride2 {
        input 8x7x3
        dwconv 3 stride=2 pad=same
    }
""")
def _(x, p):
    return dwconv(x, p, "dwconv_1", 3, stride=2, pad="same")


@case("sepconv_named", (7, 6, 3), (7, 6, 8), """
    model SepconvNamed {
        input 7x6x3
        s = sepconv 8, 3 pad=same relu
    }
""")
def _(x, p):
    return sepconv(x, p, "s", 8, 3, pad="same", act="relu")


@case("sepconv_unnamed", (8, 7, 3), (3, 3, 4), """
    model SepconvUnnamed {
        input 8x7x3
        sepconv 5, 3 pad=same
        sepconv 4, 3 multiplier=2 stride=2 bias=false
    }
""")
def _(x, p):
    x = sepconv(x, p, "sepconv_1", 5, 3, pad="same")
    return sepconv(x, p, "sepconv_2", 4, 3, multiplier=2, stride=2, bias=False)


# ---- pooling ----------------------------------------------------------------------------------

@case("maxpool", (7, 6, 3), (3, 3, 3), """
    model Maxpool {
        input 7x6x3
        maxpool 2
    }
""")
def _(x, p):
    return maxpool(x, 2)


@case("maxpool_stride_pad", (7, 6, 3), (4, 3, 3), """
    model MaxpoolStridePad {
        input 7x6x3
        maxpool 3 stride=2 pad=1
    }
""")
def _(x, p):
    return maxpool(x, 3, stride=2, pad=1)


# Stride 2 (the kernel): rows total 1 (0 top, 1 bottom), columns 0.
@case("maxpool_same", (7, 6, 3), (4, 3, 3), """
    model MaxpoolSame {
        input 7x6x3
        maxpool 2 pad=same
    }
""")
def _(x, p):
    return maxpool(x, 2, pad="same")


# The inputs are mostly negative here, so padding with 0 instead of -inf would show. (Padding
# beyond half the kernel is refused, E0404, as PyTorch refuses it.)
@case("maxpool_explicit", (7, 6, 3), (6, 5, 3), """
    model MaxpoolExplicit {
        input 7x6x3
        maxpool 3 stride=1 pad=(0, 1, 1, 0)
    }
""", offset=-1.5)
def _(x, p):
    return maxpool(x, 3, stride=1, pad=(0, 1, 1, 0))


@case("avgpool", (7, 6, 3), (3, 3, 3), """
    model Avgpool {
        input 7x6x3
        avgpool 2
    }
""")
def _(x, p):
    return avgpool(x, 2)


@case("avgpool_stride_pad", (7, 6, 3), (4, 3, 3), """
    model AvgpoolStridePad {
        input 7x6x3
        avgpool 3 stride=2 pad=1
    }
""")
def _(x, p):
    return avgpool(x, 3, stride=2, pad=1)


# Stride 2, 3x3 on 8x7: rows total 1 (0 top, 1 bottom), columns total 2 (1 and 1).
@case("avgpool_same", (8, 7, 3), (4, 4, 3), """
    model AvgpoolSame {
        input 8x7x3
        avgpool 3 stride=2 pad=same
    }
""")
def _(x, p):
    return avgpool(x, 3, stride=2, pad="same")


@case("avgpool_explicit", (7, 6, 3), (7, 6, 3), """
    model AvgpoolExplicit {
        input 7x6x3
        avgpool 2 stride=1 pad=(1, 0, 0, 1)
    }
""")
def _(x, p):
    return avgpool(x, 2, stride=1, pad=(1, 0, 0, 1))


@case("globalavgpool", (5, 4, 6), (6,), """
    model GlobalAvgpool {
        input 5x4x6
        globalavgpool
    }
""")
def _(x, p):
    return globalavgpool(x)


@case("globalmaxpool", (5, 4, 6), (6,), """
    model GlobalMaxpool {
        input 5x4x6
        globalmaxpool
    }
""")
def _(x, p):
    return globalmaxpool(x)


# ---- dense, flatten, batchnorm, dropout -------------------------------------------------------

# The first dense reads a flattened 4x3x5 map: its columns are in H, W, C order in the npz.
@case("dense", (4, 3, 5), (3,), """
    model Dense {
        input 4x3x5
        flatten
        dense 7 relu
        dense 3 bias=false
    }
""")
def _(x, p):
    x, chw = flatten(x)
    x = dense(x, p, "dense_1", 7, act="relu", flattened_chw=chw)
    return dense(x, p, "dense_2", 3, bias=False)


@case("flatten", (3, 4, 2), (24,), """
    model Flatten {
        input 3x4x2
        flatten
    }
""")
def _(x, p):
    # The cnn flatten is row-major H, W, C: the NHWC memory as it is.
    return x.permute(0, 2, 3, 1).flatten(1)


@case("dense_after_globalpool", (5, 4, 6), (4,), """
    model DenseAfterGlobalpool {
        input 5x4x6
        globalavgpool
        dense 4 tanh
    }
""")
def _(x, p):
    return dense(globalavgpool(x), p, "dense_1", 4, act="tanh")


@case("batchnorm", (5, 4, 3), (3, 2, 6), """
    model Batchnorm {
        input 5x4x3
        batchnorm
        conv 6, 3 bias=false
        batchnorm eps=0.001 relu
    }
""")
def _(x, p):
    x = batchnorm(x, p, "batchnorm_1")
    x = conv(x, p, "conv_1", 6, 3, bias=False)
    return batchnorm(x, p, "batchnorm_2", eps=1e-3, act="relu")


@case("batchnorm_vector", (3, 3, 2), (8,), """
    model BatchnormVector {
        input 3x3x2
        flatten
        dense 8
        batchnorm
    }
""")
def _(x, p):
    x, chw = flatten(x)
    x = dense(x, p, "dense_1", 8, flattened_chw=chw)
    return batchnorm(x, p, "batchnorm_1")


@case("dropout", (4, 4, 2), (5,), """
    model Dropout {
        input 4x4x2
        conv 3, 3 relu
        dropout 0.5
        flatten
        dense 5
    }
""")
def _(x, p):
    x = conv(x, p, "conv_1", 3, 3, act="relu")  # dropout is the identity at inference
    x, chw = flatten(x)
    return dense(x, p, "dense_1", 5, flattened_chw=chw)


# ---- activations: each as a suffix, then standalone ------------------------------------------

def activation_case(name, model, word, act):
    source = f"""
        model {model} {{
            input 5x4x3
            conv 6, 3 {word}
            conv 5, 1
            {word}
        }}
    """

    @case(name, (5, 4, 3), (3, 2, 5), source, scale=3.0)
    def forward(x, p):
        x = conv(x, p, "conv_1", 6, 3, act=act)
        x = conv(x, p, "conv_2", 5, 1)
        return activation(x, act)


activation_case("act_relu", "ActRelu", "relu", "relu")
activation_case("act_relu6", "ActRelu6", "relu6", "relu6")
activation_case("act_leaky", "ActLeaky", "leaky(0.1)", ("leaky", 0.1))
activation_case("act_leaky_alpha", "ActLeakyAlpha", "leaky(0.25)", ("leaky", 0.25))
activation_case("act_sigmoid", "ActSigmoid", "sigmoid", "sigmoid")
activation_case("act_tanh", "ActTanh", "tanh", "tanh")
activation_case("act_swish", "ActSwish", "swish", "swish")
activation_case("act_linear", "ActLinear", "linear", "linear")


# Softmax over the last axis of a feature map: per pixel over its channels.
@case("act_softmax_grid", (5, 4, 3), (3, 2, 6), """
    model ActSoftmaxGrid {
        input 5x4x3
        conv 6, 3 softmax
    }
""", scale=3.0)
def _(x, p):
    return conv(x, p, "conv_1", 6, 3, act="softmax")


@case("act_softmax_vector", (4, 3, 2), (7,), """
    model ActSoftmaxVector {
        input 4x3x2
        flatten
        dense 7
        softmax
    }
""", scale=3.0)
def _(x, p):
    x, chw = flatten(x)
    return activation(dense(x, p, "dense_1", 7, flattened_chw=chw), "softmax")


# ---- reshaping --------------------------------------------------------------------------------

@case("upsample", (3, 4, 2), (18, 24, 3), """
    model Upsample {
        input 3x4x2
        upsample 2
        conv 3, 3 pad=same
        upsample 3
    }
""")
def _(x, p):
    x = upsample(x, 2)
    x = conv(x, p, "conv_1", 3, 3, pad="same")
    return upsample(x, 3)


@case("zeropad", (4, 3, 2), (7, 6, 3), """
    model Zeropad {
        input 4x3x2
        zeropad 1
        conv 3, 3
        zeropad (1, 2, 0, 3)
    }
""")
def _(x, p):
    x = zeropad(x, 1)
    x = conv(x, p, "conv_1", 3, 3)
    return zeropad(x, (1, 2, 0, 3))


# ---- merges -----------------------------------------------------------------------------------

# Every branch starts from the tensor before the concat; channels join in branch order.
@case("concat_branches", (6, 5, 3), (6, 5, 10), """
    model ConcatBranches {
        input 6x5x3
        concat {
            branch { conv 4, 1 }
            branch { conv 3, 3 pad=same relu }
            branch { maxpool 3 stride=1 pad=same }
        }
    }
""")
def _(x, p):
    a = conv(x, p, "conv_1", 4, 1)
    b = conv(x, p, "conv_2", 3, 3, pad="same", act="relu")
    c = maxpool(x, 3, stride=1, pad="same")
    return concat(a, b, c)


@case("concat_named", (6, 5, 3), (6, 5, 6), """
    model ConcatNamed {
        input 6x5x3
        a = conv 4, 3 pad=same
        from input
        b = conv 2, 1 relu
        concat(b, a)
    }
""")
def _(x, p):
    a = conv(x, p, "a", 4, 3, pad="same")
    b = conv(x, p, "b", 2, 1, act="relu")
    return concat(b, a)


@case("add_branches", (6, 5, 3), (6, 5, 4), """
    model AddBranches {
        input 6x5x3
        add {
            branch { conv 4, 3 pad=same }
            branch { conv 4, 1 }
        } relu
    }
""")
def _(x, p):
    a = conv(x, p, "conv_1", 4, 3, pad="same")
    b = conv(x, p, "conv_2", 4, 1)
    return activation(add(a, b), "relu")


@case("add_named", (6, 5, 3), (6, 5, 4), """
    model AddNamed {
        input 6x5x3
        a = conv 4, 3 pad=same
        from input
        b = conv 4, 1 bias=false
        from input
        c = conv 4, 1x3 pad=same
        add(a, b, c)
        tanh
    }
""")
def _(x, p):
    a = conv(x, p, "a", 4, 3, pad="same")
    b = conv(x, p, "b", 4, 1, bias=False)
    c = conv(x, p, "c", 4, (1, 3), pad="same")
    return activation(add(a, b, c), "tanh")


@case("residual_identity", (6, 5, 4), (6, 5, 4), """
    model ResidualIdentity {
        input 6x5x4
        residual {
            conv 4, 3 pad=same relu
            conv 4, 3 pad=same
        } relu
    }
""")
def _(x, p):
    y = conv(x, p, "conv_1", 4, 3, pad="same", act="relu")
    y = conv(y, p, "conv_2", 4, 3, pad="same")
    return activation(x + y, "relu")


# The projection's layers are named after the body's, in source order, in the same scope.
@case("residual_projection", (8, 7, 4), (4, 4, 8), """
    model ResidualProjection {
        input 8x7x4
        residual {
            conv 8, 3 stride=2 pad=same
            batchnorm relu
            conv 8, 3 pad=same
            batchnorm
        } shortcut {
            conv 8, 1 stride=2
            batchnorm
        } relu
    }
""")
def _(x, p):
    y = conv(x, p, "conv_1", 8, 3, stride=2, pad="same")
    y = batchnorm(y, p, "batchnorm_1", act="relu")
    y = conv(y, p, "conv_2", 8, 3, pad="same")
    y = batchnorm(y, p, "batchnorm_2")
    s = conv(x, p, "conv_3", 8, 1, stride=2)
    s = batchnorm(s, p, "batchnorm_3")
    return activation(s + y, "relu")


# ---- naming: block scopes, repeat and for (not scopes) -----------------------------------------

# Unnamed calls come before the named one so their numbers do not depend on whether a named
# call counts towards <block>_<k>.
@case("block_scopes", (8, 8, 3), (4, 4, 6), """
    block unit(f, s = 1) {
        conv f, 3 stride=s pad=same
        batchnorm relu
    }

    model BlockScopes {
        input 8x8x3
        unit(4)
        unit(6, s=2)
        b = unit(f=5)
        repeat 2 {
            conv 4, 1
        }
        for i in 1..2 {
            conv 3 * i, 1 relu
        }
    }
""")
def _(x, p):
    def unit(x, scope, f, s=1):
        x = conv(x, p, scope + ".conv_1", f, 3, stride=s, pad="same")
        return batchnorm(x, p, scope + ".batchnorm_1", act="relu")

    x = unit(x, "unit_1", 4)
    x = unit(x, "unit_2", 6, s=2)
    x = unit(x, "b", 5)
    x = conv(x, p, "conv_1", 4, 1)
    x = conv(x, p, "conv_2", 4, 1)
    x = conv(x, p, "conv_3", 3, 1, act="relu")
    return conv(x, p, "conv_4", 6, 1, act="relu")


# ---- whole networks ---------------------------------------------------------------------------

@case("lenet5", (32, 32, 1), (10,), """
    model LeNet5 {
        input 32x32x1
        conv 6, 5 tanh
        avgpool 2
        conv 16, 5 tanh
        avgpool 2
        flatten
        dense 120 tanh
        dense 84 tanh
        dense 10 softmax
    }
""")
def _(x, p):
    x = conv(x, p, "conv_1", 6, 5, act="tanh")
    x = avgpool(x, 2)
    x = conv(x, p, "conv_2", 16, 5, act="tanh")
    x = avgpool(x, 2)
    x, chw = flatten(x)
    x = dense(x, p, "dense_1", 120, act="tanh", flattened_chw=chw)
    x = dense(x, p, "dense_2", 84, act="tanh")
    return dense(x, p, "dense_3", 10, act="softmax")


# ResNet basic blocks; the projection only where the stride or the channels change.
@case("resnet_small", (16, 16, 3), (10,), """
    block basic(filters, s = 1) {
        residual {
            conv filters, 3 stride=s pad=same bias=false
            batchnorm relu
            conv filters, 3 pad=same bias=false
            batchnorm
        } shortcut if s != 1 or in.c != filters {
            conv filters, 1 stride=s bias=false
            batchnorm
        } relu
    }

    model ResNetSmall {
        input 16x16x3
        conv 8, 3 pad=same bias=false
        batchnorm relu
        basic(8)
        basic(8)
        basic(16, s=2) : 8x8x16
        basic(16)
        globalavgpool
        dense 10
    }
""")
def _(x, p):
    def basic(x, scope, filters, s=1):
        y = conv(x, p, scope + ".conv_1", filters, 3, stride=s, pad="same", bias=False)
        y = batchnorm(y, p, scope + ".batchnorm_1", act="relu")
        y = conv(y, p, scope + ".conv_2", filters, 3, pad="same", bias=False)
        y = batchnorm(y, p, scope + ".batchnorm_2")
        if s != 1 or x.shape[1] != filters:
            x = conv(x, p, scope + ".conv_3", filters, 1, stride=s, bias=False)
            x = batchnorm(x, p, scope + ".batchnorm_3")
        return activation(x + y, "relu")

    x = conv(x, p, "conv_1", 8, 3, pad="same", bias=False)
    x = batchnorm(x, p, "batchnorm_1", act="relu")
    x = basic(x, "basic_1", 8)
    x = basic(x, "basic_2", 8)
    x = basic(x, "basic_3", 16, s=2)
    x = basic(x, "basic_4", 16)
    return dense(globalavgpool(x), p, "dense_1", 10)


# GoogLeNet's module: 1x1, 1x1→3x3, 1x1→5x5 and 3x3 max pool→1x1 branches, concatenated.
@case("inception_small", (12, 12, 8), (5,), """
    block inception(c1, c3r, c3, c5r, c5, pp) {
        concat {
            branch {
                conv c1, 1 relu
            }
            branch {
                conv c3r, 1 relu
                conv c3, 3 pad=same relu
            }
            branch {
                conv c5r, 1 relu
                conv c5, 5 pad=same relu
            }
            branch {
                maxpool 3 stride=1 pad=same
                conv pp, 1 relu
            }
        }
    }

    model InceptionSmall {
        input 12x12x8
        conv 16, 3 pad=same relu
        maxpool 3 stride=2 pad=same
        inception(8, 6, 8, 2, 4, 4) : 6x6x24
        mixed = inception(c1=8, c3r=8, c3=12, c5r=4, c5=6, pp=6) : 6x6x32
        globalavgpool
        dense 5 softmax
    }
""")
def _(x, p):
    def inception(x, scope, c1, c3r, c3, c5r, c5, pp):
        a = conv(x, p, scope + ".conv_1", c1, 1, act="relu")
        b = conv(x, p, scope + ".conv_2", c3r, 1, act="relu")
        b = conv(b, p, scope + ".conv_3", c3, 3, pad="same", act="relu")
        c = conv(x, p, scope + ".conv_4", c5r, 1, act="relu")
        c = conv(c, p, scope + ".conv_5", c5, 5, pad="same", act="relu")
        d = maxpool(x, 3, stride=1, pad="same")
        d = conv(d, p, scope + ".conv_6", pp, 1, act="relu")
        return concat(a, b, c, d)

    x = conv(x, p, "conv_1", 16, 3, pad="same", act="relu")
    x = maxpool(x, 3, stride=2, pad="same")
    x = inception(x, "inception_1", 8, 6, 8, 2, 4, 4)
    x = inception(x, "mixed", 8, 8, 12, 4, 6, 6)
    return dense(globalavgpool(x), p, "dense_1", 5, act="softmax")


# MobileNet v2 inverted residuals: expansion (skipped when t = 1), depthwise, linear projection;
# the skip only at stride 1 with equal channels. Padding 1 as torchvision writes it.
@case("mobilenet_v2_small", (16, 16, 3), (10,), """
    block inverted(filters, s = 1, t = 6) {
        residual if s == 1 and in.c == filters {
            if t != 1 {
                conv in.c * t, 1 bias=false
                batchnorm relu6
            }
            dwconv 3 stride=s pad=1 bias=false
            batchnorm relu6
            conv filters, 1 bias=false
            batchnorm
        }
    }

    model MobileNetV2Small {
        input 16x16x3
        conv 8, 3 stride=2 pad=1 bias=false
        batchnorm relu6
        inverted(8, t=1)
        inverted(12, s=2)
        inverted(12)
        inverted(16, s=2) : 2x2x16
        conv 32, 1 bias=false
        batchnorm relu6
        globalavgpool
        dense 10
    }
""")
def _(x, p):
    def inverted(x, scope, filters, s=1, t=6):
        y = x
        if t != 1:
            y = conv(y, p, scope + ".conv_1", x.shape[1] * t, 1, bias=False)
            y = batchnorm(y, p, scope + ".batchnorm_1", act="relu6")
            project, bn = scope + ".conv_2", 2
        else:
            project, bn = scope + ".conv_1", 1
        y = dwconv(y, p, scope + ".dwconv_1", 3, stride=s, pad=1, bias=False)
        y = batchnorm(y, p, f"{scope}.batchnorm_{bn}", act="relu6")
        y = conv(y, p, project, filters, 1, bias=False)
        y = batchnorm(y, p, f"{scope}.batchnorm_{bn + 1}")
        return x + y if s == 1 and x.shape[1] == filters else y

    x = conv(x, p, "conv_1", 8, 3, stride=2, pad=1, bias=False)
    x = batchnorm(x, p, "batchnorm_1", act="relu6")
    x = inverted(x, "inverted_1", 8, t=1)
    x = inverted(x, "inverted_2", 12, s=2)
    x = inverted(x, "inverted_3", 12)
    x = inverted(x, "inverted_4", 16, s=2)
    x = conv(x, p, "conv_2", 32, 1, bias=False)
    x = batchnorm(x, p, "batchnorm_2", act="relu6")
    return dense(globalavgpool(x), p, "dense_1", 10)


# SPEC §1.6: the scanner's cell (i, j) is the detector on the 8x8 window at (2i, 2j), 2 being the
# product of the strides. The reference runs the detector window by window, not as convolutions.
# With several models in a file, the one under test is the last.
@case("slide", (12, 12, 1), (3, 3, 3), """
    model Detector {
        input 8x8x1
        conv 4, 3 relu
        maxpool 2
        flatten
        dense 8 relu
        dense 3 softmax
    }

    model Scanner = slide Detector over 12x12x1
""")
def _(x, p):
    n = x.shape[0]
    windows = torch.stack([x[:, :, 2 * i:2 * i + 8, 2 * j:2 * j + 8] for i in range(3) for j in range(3)], dim=1)
    y = windows.reshape(n * 9, 1, 8, 8)
    y = maxpool(conv(y, p, "conv_1", 4, 3, act="relu"), 2)
    y, chw = flatten(y)
    y = dense(y, p, "dense_1", 8, act="relu", flattened_chw=chw)
    y = dense(y, p, "dense_2", 3, act="softmax")
    return y.reshape(n, 3, 3, 3).permute(0, 3, 1, 2)  # back to NCHW like every other grid


# ---- writing ----------------------------------------------------------------------------------

def build(c):
    """Runs one case: (model.cnn text, {npz key: array}, input NHWC, output NHWC or N x K)."""
    seed = case_seed(c.name)
    generator = torch.Generator().manual_seed(seed ^ 0x5EED)
    h, w, ch = c.input_hwc
    x_nhwc = (torch.randn((BATCH, h, w, ch), generator=generator, dtype=torch.float64) * c.scale + c.offset).float()
    params = Params(seed)
    y = c.forward(x_nhwc.double().permute(0, 3, 1, 2), params)
    if y.dim() == 4:
        y = y.permute(0, 2, 3, 1)
    if tuple(y.shape[1:]) != tuple(c.output):
        raise AssertionError(f"{c.name}: PyTorch gives {tuple(y.shape[1:])}, the case says {c.output}")
    if not torch.isfinite(y).all():
        raise AssertionError(f"{c.name}: non-finite output")
    return (c.source, params.npz(), np.ascontiguousarray(x_nhwc.numpy()),
            np.ascontiguousarray(y.numpy().astype(np.float32)))


def write(directory, source, weights, x, y):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "model.cnn").write_text(source, encoding="utf-8")
    np.savez(directory / "weights.npz", **weights)
    np.save(directory / "input.npy", x)
    np.save(directory / "output.npy", y)


def differs(directory, source, weights, x, y):
    """What a committed fixture no longer matches, or None."""
    try:
        if (directory / "model.cnn").read_text(encoding="utf-8") != source:
            return "model.cnn"
        with np.load(directory / "weights.npz") as stored:
            if list(stored.keys()) != list(weights.keys()):
                return "weights.npz keys"
            for key, value in weights.items():
                if not np.array_equal(stored[key], value):
                    return f"weights.npz {key}"
        if not np.array_equal(np.load(directory / "input.npy"), x):
            return "input.npy"
        if not np.array_equal(np.load(directory / "output.npy"), y):
            return "output.npy"
    except FileNotFoundError as e:
        return f"missing {e.filename}"
    return None


def main():
    repo = pathlib.Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=pathlib.Path, default=repo / "compiler/src/test/resources/reference")
    parser.add_argument("--check", action="store_true", help="compare with the files on disk instead of writing")
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    args = parser.parse_args()
    unknown = [n for n in args.cases if n not in CASES]
    if unknown:
        parser.error("unknown case(s): " + ", ".join(unknown))
    torch.use_deterministic_algorithms(True)
    failures = 0
    for name in args.cases or CASES:
        built = build(CASES[name])
        if args.check:
            problem = differs(args.out / name, *built)
            if problem:
                print(f"{name}: {problem} differs", file=sys.stderr)
                failures += 1
        else:
            write(args.out / name, *built)
            print(f"{name}: {len(built[1])} tensors, output {built[3].shape}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
