#!/usr/bin/env python3
"""PyTorch fixtures for the generated trainers: weights after one SGD step and after one Adam step.

Usage (PyTorch 1.13 and numpy; on the project machine that is /usr/bin/python3):

    /usr/bin/python3 tools/reference/train_fixtures.py [--out DIR] [--check]

For each whole network (LeNet-5, a small ResNet stack with batchnorm and a projection shortcut)
it writes into DIR/<case>/ (default compiler/src/test/resources/training/):
  model.cnn       the network in the cnn language (SPEC §1)
  weights.npz     the weights before the step, keyed and laid out per SPEC §5
  input.npy       N x H x W x C float32 (NHWC); labels.npy: N int32 class labels
  after_sgd.npz   every tensor after one torch.optim.SGD step (running statistics included)
  after_adam.npz  every tensor after one torch.optim.Adam step
  train.json      the loss of the batch and both optimizers' hyper-parameters

The networks are written as torch.nn modules in NCHW, computed in float64 from float32 weights;
batchnorm is in training mode (batch statistics; running statistics moved with momentum 0.1 and
the unbiased variance, as torch does). The loss is torch's cross-entropy on the logits, before
the final softmax of the cnn model. --check regenerates in memory and fails if a file differs.
"""

import argparse
import io
import json
import math
import pathlib
import sys
import textwrap

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

BATCH = 4
SGD = {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.001}
ADAM = {"lr": 0.001, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.0}


class LeNet5(nn.Module):
    source = """
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
    """
    input_hwc = (32, 32, 1)
    # dense_1 reads a flattened 16 x 5 x 5 map: its columns are reordered to H, W, C in the files
    flattened = {"dense_1.weight": (16, 5, 5)}

    def __init__(self):
        super().__init__()
        self.conv_1 = nn.Conv2d(1, 6, 5)
        self.conv_2 = nn.Conv2d(6, 16, 5)
        self.dense_1 = nn.Linear(400, 120)
        self.dense_2 = nn.Linear(120, 84)
        self.dense_3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.avg_pool2d(torch.tanh(self.conv_1(x)), 2)
        x = F.avg_pool2d(torch.tanh(self.conv_2(x)), 2)
        x = torch.flatten(x, 1)
        x = torch.tanh(self.dense_1(x))
        x = torch.tanh(self.dense_2(x))
        return self.dense_3(x)  # logits: the loss fuses the final softmax


def same_stride2(x):
    """SPEC `same` for a 3x3 kernel at stride 2 on an even size: 0 before, 1 after (odd pixel at the end)."""
    return F.pad(x, (0, 1, 0, 1))


class ResNetStack(nn.Module):
    source = """
        model ResNetStack {
            input 8x8x3
            stem = conv 8, 3 pad=same bias=false
            stem_bn = batchnorm relu
            residual {
                a = conv 8, 3 pad=same bias=false
                a_bn = batchnorm relu
                b = conv 8, 3 pad=same bias=false
                b_bn = batchnorm
            } relu
            residual {
                c = conv 16, 3 stride=2 pad=same bias=false
                c_bn = batchnorm relu
                d = conv 16, 3 pad=same bias=false
                d_bn = batchnorm
            } shortcut {
                proj = conv 16, 1 stride=2 bias=false
                proj_bn = batchnorm
            } relu
            globalavgpool
            dense 10 softmax
        }
    """
    input_hwc = (8, 8, 3)
    flattened = {}

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.stem_bn = nn.BatchNorm2d(8)
        self.a = nn.Conv2d(8, 8, 3, padding=1, bias=False)
        self.a_bn = nn.BatchNorm2d(8)
        self.b = nn.Conv2d(8, 8, 3, padding=1, bias=False)
        self.b_bn = nn.BatchNorm2d(8)
        self.c = nn.Conv2d(8, 16, 3, stride=2, bias=False)
        self.c_bn = nn.BatchNorm2d(16)
        self.d = nn.Conv2d(16, 16, 3, padding=1, bias=False)
        self.d_bn = nn.BatchNorm2d(16)
        self.proj = nn.Conv2d(8, 16, 1, stride=2, bias=False)
        self.proj_bn = nn.BatchNorm2d(16)
        self.dense_1 = nn.Linear(16, 10)

    def forward(self, x):
        x = F.relu(self.stem_bn(self.stem(x)))
        y = F.relu(self.a_bn(self.a(x)))
        x = F.relu(x + self.b_bn(self.b(y)))
        y = F.relu(self.c_bn(self.c(same_stride2(x))))
        x = F.relu(self.proj_bn(self.proj(x)) + self.d_bn(self.d(y)))
        x = x.mean(dim=(2, 3))
        return self.dense_1(x)


CASES = {"lenet5": LeNet5, "resnet_stack": ResNetStack}


def initialise(model, generator):
    """He-scaled weights, non-zero biases, batchnorm scale, shift and running statistics away from 1/0."""
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, (nn.Conv2d, nn.Linear)):
                fan_in = module.weight[0].numel()
                module.weight.copy_(torch.randn(module.weight.shape, generator=generator) * math.sqrt(2.0 / fan_in))
                if module.bias is not None:
                    module.bias.copy_(torch.randn(module.bias.shape, generator=generator) * 0.2)
            elif isinstance(module, nn.BatchNorm2d):
                c = module.num_features
                module.weight.copy_(0.5 + torch.rand(c, generator=generator))
                module.bias.copy_(torch.randn(c, generator=generator) * 0.3)
                module.running_mean.copy_(torch.randn(c, generator=generator) * 0.5)
                module.running_var.copy_(0.4 + 1.6 * torch.rand(c, generator=generator))
    # float32 values, so the files hold exactly the numbers the reference starts from
    for t in list(model.parameters()) + list(model.buffers()):
        if t.dtype.is_floating_point:
            t.data = t.data.float().double()


def tensors(model, flattened):
    """Name → float32 array in the SPEC §5 layouts, in the module's order."""
    out = {}
    for name, t in model.state_dict().items():
        if name.endswith("num_batches_tracked"):
            continue
        array = t.detach().numpy().astype(np.float32)
        if name in flattened:
            c, h, w = flattened[name]
            units = array.shape[0]
            # torch's column is c·H·W + h·W + w; the cnn flatten order is h·W·C + w·C + c
            array = array.reshape(units, c, h, w).transpose(0, 2, 3, 1).reshape(units, h * w * c)
        out[name] = np.ascontiguousarray(array)
    return out


def one_step(cls, initial, x, labels, optimizer):
    model = cls().double()
    model.load_state_dict(initial)
    model.train()
    if optimizer == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=SGD["lr"], momentum=SGD["momentum"],
                              weight_decay=SGD["weight_decay"])
    else:
        opt = torch.optim.Adam(model.parameters(), lr=ADAM["lr"], betas=tuple(ADAM["betas"]), eps=ADAM["eps"],
                               weight_decay=ADAM["weight_decay"])
    opt.zero_grad()
    loss = F.cross_entropy(model(x), labels)
    loss.backward()
    opt.step()
    return model, loss.item()


def npz_bytes(arrays):
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def npy_bytes(array):
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def build(name, cls):
    generator = torch.Generator().manual_seed(sum(map(ord, name)))
    model = cls().double()
    initialise(model, generator)
    initial = {k: v.clone() for k, v in model.state_dict().items()}
    h, w, c = cls.input_hwc
    x = torch.randn((BATCH, c, h, w), generator=generator).float().double()
    labels = torch.randint(0, 10, (BATCH,), generator=generator)
    after_sgd, loss_sgd = one_step(cls, initial, x, labels, "sgd")
    after_adam, loss_adam = one_step(cls, initial, x, labels, "adam")
    assert abs(loss_sgd - loss_adam) < 1e-12
    files = {
        "model.cnn": (textwrap.dedent(cls.source).strip() + "\n").encode("utf-8"),
        "weights.npz": npz_bytes(tensors(model, cls.flattened)),
        "input.npy": npy_bytes(x.numpy().transpose(0, 2, 3, 1).astype(np.float32)),
        "labels.npy": npy_bytes(labels.numpy().astype(np.int32)),
        "after_sgd.npz": npz_bytes(tensors(after_sgd, cls.flattened)),
        "after_adam.npz": npz_bytes(tensors(after_adam, cls.flattened)),
        "train.json": (json.dumps({"batch": BATCH, "loss": loss_sgd, "sgd": SGD, "adam": ADAM}, indent=2) + "\n")
        .encode("utf-8"),
    }
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = pathlib.Path(__file__).resolve().parents[2]
    parser.add_argument("--out", type=pathlib.Path, default=root / "compiler/src/test/resources/training")
    parser.add_argument("--check", action="store_true", help="fail if a committed file differs")
    args = parser.parse_args()
    torch.use_deterministic_algorithms(True)
    stale = []
    for name, cls in CASES.items():
        directory = args.out / name
        for file, data in build(name, cls).items():
            path = directory / file
            if args.check:
                # npz archives carry timestamps: compare their arrays, not their bytes
                if file.endswith(".npz"):
                    same = path.exists() and all(
                        np.array_equal(a, b) for a, b in zip(np.load(path).values(), np.load(io.BytesIO(data)).values()))
                else:
                    same = path.exists() and path.read_bytes() == data
                if not same:
                    stale.append(str(path))
            else:
                directory.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    if stale:
        print("out of date:\n  " + "\n  ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
