#!/usr/bin/env python3
"""Golden values for the runtime's classification and regression losses, made with torch.nn.

Writes runtime/src/test/resources/fixtures/loss.txt, which LossFixtureTest reads, so the Java
build never needs PyTorch.

    /usr/bin/python3 tools/reference/runtime_fixtures.py [output-path]

Each case is one loss on a batch with reduction='mean', and the gradient of that mean with
respect to the network output (the logits for the cross-entropies):
    case NAME KIND N SIZE          KIND: cross_entropy | cross_entropy_soft | bce_logits | mse
    output v…                      N x SIZE, row-major
    labels k…  or  target v…       integer labels (cross_entropy) or float targets
    loss X
    grad v…
    end
"""
import sys

import torch
import torch.nn.functional as F


def fmt(t):
    return " ".join("%.9g" % v for v in t.detach().reshape(-1).tolist())


def case(out, name, kind, output, target):
    output = output.clone().requires_grad_(True)
    if kind == "cross_entropy":
        loss = F.cross_entropy(output, target)
    elif kind == "cross_entropy_soft":
        loss = F.cross_entropy(output, target)
    elif kind == "bce_logits":
        loss = F.binary_cross_entropy_with_logits(output, target)
    else:
        loss = F.mse_loss(output, target)
    loss.backward()
    n, size = output.shape
    out.write("case %s %s %d %d\n" % (name, kind, n, size))
    out.write("output %s\n" % fmt(output))
    if kind == "cross_entropy":
        out.write("labels %s\n" % " ".join(str(int(k)) for k in target.tolist()))
    else:
        out.write("target %s\n" % fmt(target))
    out.write("loss %.17g\n" % loss.item())
    out.write("grad %s\n" % fmt(output.grad))
    out.write("end\n")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "runtime/src/test/resources/fixtures/loss.txt"
    gen = torch.Generator().manual_seed(7)
    with open(path, "w") as out:
        out.write("# made by tools/reference/runtime_fixtures.py with torch %s; do not edit\n" % torch.__version__)
        logits = torch.randn(5, 4, generator=gen) * 3
        case(out, "ce_random", "cross_entropy", logits, torch.tensor([0, 3, 1, 1, 2]))
        huge = torch.tensor([[1000.0, 0.0, -1000.0], [-500.0, 500.0, 499.0], [88.0, 89.0, 90.0]])
        case(out, "ce_huge_logits", "cross_entropy", huge, torch.tensor([2, 1, 0]))
        soft = torch.softmax(torch.randn(5, 4, generator=gen), dim=1)
        case(out, "ce_soft_targets", "cross_entropy_soft", logits, soft)
        x = torch.randn(3, 6, generator=gen) * 4
        x[0, 0], x[0, 1], x[1, 0] = 150.0, -150.0, 40.0
        t = torch.rand(3, 6, generator=gen)
        t[0, 0], t[0, 1], t[1, 0] = 0.0, 1.0, 0.0
        case(out, "bce_logits", "bce_logits", x, t)
        case(out, "mse", "mse", torch.randn(4, 3, generator=gen), torch.randn(4, 3, generator=gen))


if __name__ == "__main__":
    main()
