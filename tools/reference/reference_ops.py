"""PyTorch building blocks for the golden fixtures, written straight from SPEC §1.3 and §5.

Everything here works on NCHW float64 tensors (PyTorch's own layout and a precision well above
the float32 the generated Java computes in), with parameters drawn as float32 so the fixture's
weights are exactly the numbers the reference used. Conversion to the cnn layouts (NHWC data,
dense columns in H, W, C flatten order) happens only when a fixture is written.
"""

import math
import warnings
import zlib

import numpy as np
import torch
import torch.nn.functional as F


def pair(k):
    """A kernel, stride or dilation given as `k` or `(kh, kw)`."""
    return (k, k) if isinstance(k, int) else tuple(k)


def same_padding(n, kernel, stride, dilation):
    """SPEC §1.3 `same`: ceil(n / s) outputs, total padding max((out - 1)·s + f_eff - n, 0),
    the odd pixel at the end. Returns (begin, end)."""
    f_eff = dilation * (kernel - 1) + 1
    out = -(-n // stride)
    total = max((out - 1) * stride + f_eff - n, 0)
    return total // 2, total - total // 2


def resolve_padding(pad, h, w, kernel, stride, dilation):
    """`valid`, `same`, an integer or (t, b, l, r) → (top, bottom, left, right) in pixels."""
    kh, kw = pair(kernel)
    sh, sw = pair(stride)
    dh, dw = pair(dilation)
    if pad == "valid":
        return 0, 0, 0, 0
    if pad == "same":
        top, bottom = same_padding(h, kh, sh, dh)
        left, right = same_padding(w, kw, sw, dw)
        return top, bottom, left, right
    if isinstance(pad, int):
        return pad, pad, pad, pad
    top, bottom, left, right = pad
    return top, bottom, left, right


def pad_nchw(x, tblr, value=0.0):
    top, bottom, left, right = tblr
    if top == bottom == left == right == 0:
        return x
    # F.pad lists the last axis first: (left, right, top, bottom) for NCHW.
    return F.pad(x, (left, right, top, bottom), mode="constant", value=value)


class Params:
    """The weights of one case, keyed by SPEC §1.4 layer names, drawn from a seeded generator.

    Tensors are kept in PyTorch's layouts; `npz()` converts the one layout that differs (the
    columns of a dense layer that follows a flatten of a feature map).
    """

    def __init__(self, seed):
        self.generator = torch.Generator().manual_seed(seed)
        self.tensors = {}
        self.flattened = {}

    def _normal(self, shape, std):
        return (torch.randn(shape, generator=self.generator, dtype=torch.float64) * std).float()

    def _uniform(self, shape, low, high):
        return (low + (high - low) * torch.rand(shape, generator=self.generator, dtype=torch.float64)).float()

    def _put(self, name, tensor):
        if name in self.tensors:
            raise ValueError(f"tensor {name} defined twice")
        self.tensors[name] = tensor
        return tensor.double()

    def conv(self, layer, out_channels, in_per_group, kh, kw, bias):
        """conv/dwconv weight `[out, in/groups, kh, kw]`, He-scaled so activations stay near 1,
        and a non-zero bias so a dropped bias shows."""
        fan_in = in_per_group * kh * kw
        weight = self._put(layer + ".weight", self._normal((out_channels, in_per_group, kh, kw), math.sqrt(2.0 / fan_in)))
        b = self._put(layer + ".bias", self._normal((out_channels,), 0.2)) if bias else None
        return weight, b

    def dense(self, layer, units, in_features, bias, flattened_chw=None):
        """dense weight `[out, in]` with `in` in PyTorch's order for the reference; if the input
        came from flattening a C x H x W map, npz() reorders the columns to H, W, C."""
        weight = self._put(layer + ".weight", self._normal((units, in_features), math.sqrt(2.0 / in_features)))
        b = self._put(layer + ".bias", self._normal((units,), 0.2)) if bias else None
        if flattened_chw is not None:
            c, h, w = flattened_chw
            if c * h * w != in_features:
                raise ValueError(f"{layer}: flattened {flattened_chw} is not {in_features} features")
            self.flattened[layer + ".weight"] = flattened_chw
        return weight, b

    def batchnorm(self, layer, channels):
        """Scale, shift and running statistics far from the 1/0 defaults, so an implementation
        that ignores any of the four shows."""
        gamma = self._put(layer + ".weight", self._uniform((channels,), 0.5, 1.5))
        beta = self._put(layer + ".bias", self._normal((channels,), 0.3))
        mean = self._put(layer + ".running_mean", self._normal((channels,), 0.5))
        var = self._put(layer + ".running_var", self._uniform((channels,), 0.4, 2.0))
        return gamma, beta, mean, var

    def npz(self):
        """Name → float32 array in the SPEC §5 layouts, in definition order."""
        out = {}
        for name, tensor in self.tensors.items():
            array = tensor.numpy().astype(np.float32)
            if name in self.flattened:
                c, h, w = self.flattened[name]
                units = array.shape[0]
                # PyTorch's column index is c·H·W + h·W + w; the cnn flatten order is h·W·C + w·C + c.
                array = array.reshape(units, c, h, w).transpose(0, 2, 3, 1).reshape(units, h * w * c)
            out[name] = np.ascontiguousarray(array)
        return out


def case_seed(name):
    """A seed per case from its name, so adding a case never changes another's numbers."""
    return zlib.crc32(name.encode("utf-8"))


# ---- operations (x is NCHW float64) -------------------------------------------------------


def conv(x, p, layer, filters, kernel, stride=1, pad="valid", dilation=1, groups=1, bias=True, act="linear"):
    kh, kw = pair(kernel)
    c_in = x.shape[1]
    if c_in % groups or filters % groups:
        raise ValueError(f"{layer}: groups {groups} must divide {c_in} and {filters}")
    weight, b = p.conv(layer, filters, c_in // groups, kh, kw, bias)
    y = F.conv2d(pad_nchw(x, resolve_padding(pad, x.shape[2], x.shape[3], kernel, stride, dilation)), weight, b,
                 stride=pair(stride), dilation=pair(dilation), groups=groups)
    check_same_against_pytorch(x, y, weight, b, pad, stride, dilation, groups)
    return activation(y, act)


def check_same_against_pytorch(x, y, weight, b, pad, stride, dilation, groups):
    """PyTorch's padding='same' (stride 1 only) also puts the odd pixel at the end: where it
    applies, the explicit padding above must agree with it."""
    if pad == "same" and pair(stride) == (1, 1):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # even kernels make PyTorch warn about a padded copy
            native = F.conv2d(x, weight, b, padding="same", dilation=pair(dilation), groups=groups)
        torch.testing.assert_close(y, native)


def dwconv(x, p, layer, kernel, multiplier=1, stride=1, pad="valid", dilation=1, bias=True, act="linear"):
    """Depthwise: output channel c·M + m filters input channel c (PyTorch's grouped order)."""
    kh, kw = pair(kernel)
    c_in = x.shape[1]
    weight, b = p.conv(layer, c_in * multiplier, 1, kh, kw, bias)
    y = F.conv2d(pad_nchw(x, resolve_padding(pad, x.shape[2], x.shape[3], kernel, stride, dilation)), weight, b,
                 stride=pair(stride), dilation=pair(dilation), groups=c_in)
    check_same_against_pytorch(x, y, weight, b, pad, stride, dilation, c_in)
    return activation(y, act)


def sepconv(x, p, layer, filters, kernel, multiplier=1, stride=1, pad="valid", dilation=1, bias=True, act="linear"):
    """`s.depthwise` then the 1x1 `s.pointwise`, as Keras' SeparableConv2D: the depthwise layer
    has no bias, `bias` is the pointwise layer's, and the activation follows the pointwise layer."""
    y = dwconv(x, p, layer + ".depthwise", kernel, multiplier, stride, pad, dilation, bias=False)
    return conv(y, p, layer + ".pointwise", filters, 1, bias=bias, act=act)


def maxpool(x, kernel, stride=None, pad="valid"):
    """Pads with -inf, so padding never wins the max."""
    stride = kernel if stride is None else stride
    tblr = resolve_padding(pad, x.shape[2], x.shape[3], kernel, stride, 1)
    y = F.max_pool2d(pad_nchw(x, tblr, value=-math.inf), pair(kernel), pair(stride))
    top, bottom, left, right = tblr
    kh, kw = pair(kernel)
    if top == bottom and left == right and top <= kh // 2 and left <= kw // 2:
        # PyTorch's own padded max pool (which pads with -inf) must agree where it applies.
        torch.testing.assert_close(y, F.max_pool2d(x, pair(kernel), pair(stride), padding=(top, left)))
    return y


def avgpool(x, kernel, stride=None, pad="valid"):
    """Averages only the real pixels of each window: a zero-padded sum divided by a count taken
    the same way over a map of ones (F.avg_pool2d's count_include_pad=False, which PyTorch only
    offers for symmetric padding)."""
    stride = kernel if stride is None else stride
    tblr = resolve_padding(pad, x.shape[2], x.shape[3], kernel, stride, 1)
    ones = torch.ones((1, 1) + tuple(x.shape[2:]), dtype=x.dtype)
    total = F.avg_pool2d(pad_nchw(x, tblr), pair(kernel), pair(stride), divisor_override=1)
    count = F.avg_pool2d(pad_nchw(ones, tblr), pair(kernel), pair(stride), divisor_override=1)
    y = total / count
    top, bottom, left, right = tblr
    kh, kw = pair(kernel)
    if top == bottom and left == right and top <= kh // 2 and left <= kw // 2:
        # Where PyTorch's own operator applies, it must agree: a check on this function.
        native = F.avg_pool2d(x, pair(kernel), pair(stride), padding=(top, left), count_include_pad=False)
        torch.testing.assert_close(y, native)
    return y


def globalavgpool(x):
    return x.mean(dim=(2, 3))


def globalmaxpool(x):
    return x.amax(dim=(2, 3))


def flatten(x):
    """PyTorch's flatten (C, H, W order); the following dense's columns are reordered on export."""
    return x.flatten(1), tuple(x.shape[1:])


def dense(x, p, layer, units, bias=True, act="linear", flattened_chw=None):
    weight, b = p.dense(layer, units, x.shape[1], bias, flattened_chw)
    return activation(F.linear(x, weight, b), act)


def batchnorm(x, p, layer, eps=1e-5, act="linear"):
    """Inference: normalise with the running statistics (eval mode)."""
    gamma, beta, mean, var = p.batchnorm(layer, x.shape[1])
    y = F.batch_norm(x, mean, var, gamma, beta, training=False, eps=eps)
    return activation(y, act)


def upsample(x, factor):
    return F.interpolate(x, scale_factor=factor, mode="nearest")


def zeropad(x, pad):
    return pad_nchw(x, (pad, pad, pad, pad) if isinstance(pad, int) else pad)


def concat(*xs):
    """Along channels: the last axis of NHWC, the second of NCHW (and of N x K vectors)."""
    return torch.cat(xs, dim=1)


def add(*xs):
    y = xs[0]
    for x in xs[1:]:
        y = y + x
    return y


def activation(x, act):
    """`act` is a name, or ("leaky", alpha). Softmax runs over channels (the NHWC last axis)."""
    if isinstance(act, tuple):
        kind, alpha = act
        if kind != "leaky":
            raise ValueError(act)
        return F.leaky_relu(x, alpha)
    if act == "linear":
        return x
    if act == "relu":
        return F.relu(x)
    if act == "relu6":
        return F.relu6(x)
    if act == "sigmoid":
        return torch.sigmoid(x)
    if act == "tanh":
        return torch.tanh(x)
    if act == "swish":
        return x * torch.sigmoid(x)
    if act == "softmax":
        return torch.softmax(x, dim=1)
    raise ValueError(f"unknown activation {act}")
