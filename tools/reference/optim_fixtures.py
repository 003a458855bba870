#!/usr/bin/env python3
"""Golden values for the runtime optimizers and learning-rate schedules, made with torch.optim.

Writes runtime/src/test/resources/fixtures/optim.txt, which OptimizerFixtureTest and
ScheduleFixtureTest read, so the Java build never needs PyTorch.

    /usr/bin/python3 tools/reference/optim_fixtures.py [output-path]

The model has three tensors laid out flat in the order w, b, c (as a generated trainer lays
them out). b trains at half the base learning rate (its own param group, the way the runtime's
per-tensor learning-rate scale works); c is frozen for the first two steps (its .grad is None,
so torch skips it and creates no state) and trainable afterwards. Every step records the base
learning rate torch's scheduler gave, which tensors were trainable, the gradients fed in (the
frozen tensor gets gradients too, which the optimizer must ignore) and the parameters after the
step; the case ends with the optimizer state.

File format, one record a line, values separated by spaces:
    case NAME
    optimizer sgd|adam|adamw
    set KEY VALUE                  hyper-parameters (lr is the base learning rate)
    schedule constant | step EVERY GAMMA | cosine TOTAL      applied per optimizer step
    tensor NAME LENGTH LR_SCALE
    init NAME v...
    step K / lr X / trainable NAME... / grad NAME v... / param NAME v...
    state KEY NAME v...            torch's per-parameter state (step is one value)
    end
    lrs constant|step EVERY GAMMA|cosine TOTAL : lr_0 … lr_TOTAL     (base lr 1.0, per epoch)
"""
import sys

import torch

STEPS = 6
SHAPES = [("w", (3, 4), 1.0), ("b", (3,), 0.5), ("c", (2, 2), 1.0)]
FROZEN_UNTIL = {"c": 2}  # c is frozen for steps 1 and 2

CASES = [
    ("sgd_plain", "sgd", dict(lr=0.1), ("constant",)),
    ("sgd_momentum", "sgd", dict(lr=0.1, momentum=0.9), ("constant",)),
    ("sgd_dampening_decay", "sgd", dict(lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01), ("constant",)),
    ("sgd_nesterov_decay", "sgd", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.05), ("constant",)),
    ("sgd_momentum_steplr", "sgd", dict(lr=0.2, momentum=0.8), ("step", 2, 0.5)),
    ("adam_default", "adam", dict(lr=0.01), ("constant",)),
    ("adam_l2", "adam", dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1), ("constant",)),
    ("adamw", "adamw", dict(lr=0.01, weight_decay=0.1), ("constant",)),
    ("adam_cosine", "adam", dict(lr=0.05), ("cosine", STEPS)),
]


def fmt(t):
    return " ".join("%.9g" % v for v in t.detach().reshape(-1).tolist())


def make_scheduler(opt, schedule):
    if schedule[0] == "constant":
        return None
    if schedule[0] == "step":
        return torch.optim.lr_scheduler.StepLR(opt, step_size=schedule[1], gamma=schedule[2])
    return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=schedule[1], eta_min=0.0)


def run_case(out, name, kind, hyper, schedule):
    gen = torch.Generator().manual_seed(sum(map(ord, name)))
    params = {n: torch.randn(s, generator=gen) for n, s, _ in SHAPES}
    grads = [{n: torch.randn(s, generator=gen) for n, s, _ in SHAPES} for _ in range(STEPS)]
    for p in params.values():
        p.requires_grad_(True)
    base_lr = hyper["lr"]
    groups = [{"params": [params[n]], "lr": base_lr * scale} for n, _, scale in SHAPES]
    cls = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[kind]
    extra = {k: v for k, v in hyper.items() if k != "lr"}
    opt = cls(groups, lr=base_lr, **extra)
    # Each group starts at base * scale; a scheduler multiplies each group's initial lr by
    # the same factor, so group lr / scale is the base lr of that step.
    sched = make_scheduler(opt, schedule)

    out.write("case %s\n" % name)
    out.write("optimizer %s\n" % kind)
    for k, v in hyper.items():
        if k == "betas":
            out.write("set beta1 %r\nset beta2 %r\n" % v)
        else:
            out.write("set %s %r\n" % (k, float(v) if not isinstance(v, bool) else v))
    out.write("schedule %s\n" % " ".join(str(s) for s in schedule))
    for n, s, scale in SHAPES:
        out.write("tensor %s %d %r\n" % (n, params[n].numel(), scale))
    for n, _, _ in SHAPES:
        out.write("init %s %s\n" % (n, fmt(params[n])))
    for k in range(1, STEPS + 1):
        trainable = [n for n, _, _ in SHAPES if k > FROZEN_UNTIL.get(n, 0)]
        lr_now = opt.param_groups[0]["lr"] / SHAPES[0][2]
        out.write("step %d\nlr %r\ntrainable %s\n" % (k, lr_now, " ".join(trainable)))
        for n, _, _ in SHAPES:
            out.write("grad %s %s\n" % (n, fmt(grads[k - 1][n])))
            params[n].grad = grads[k - 1][n].clone() if n in trainable else None
        opt.step()
        if sched is not None:
            sched.step()
        for n, _, _ in SHAPES:
            out.write("param %s %s\n" % (n, fmt(params[n])))
    for n, _, _ in SHAPES:
        state = opt.state[params[n]]
        for key in sorted(state):
            value = state[key]
            if key == "step":
                out.write("state step %s %d\n" % (n, int(value)))
            elif value is not None:
                out.write("state %s %s %s\n" % (key, n, fmt(value)))
    out.write("end\n")


def schedule_lrs(out, schedule, total):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=1.0)
    sched = make_scheduler(opt, schedule)
    lrs = []
    for _ in range(total + 1):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        if sched is not None:
            sched.step()
    out.write("lrs %s total %d : %s\n" % (" ".join(str(s) for s in schedule), total,
                                          " ".join(repr(v) for v in lrs)))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "runtime/src/test/resources/fixtures/optim.txt"
    with open(path, "w") as out:
        out.write("# made by tools/reference/optim_fixtures.py with torch %s; do not edit\n" % torch.__version__)
        for case in CASES:
            run_case(out, *case)
        schedule_lrs(out, ("constant",), 5)
        schedule_lrs(out, ("step", 3, 0.5), 10)
        schedule_lrs(out, ("step", 1, 0.9), 4)
        schedule_lrs(out, ("cosine", 10), 10)
        schedule_lrs(out, ("cosine", 7), 7)


if __name__ == "__main__":
    main()
