#!/usr/bin/python3
"""Generated code against PyTorch on the same workloads, in one run, on this machine.

Runs the JMH benchmarks of bench/ (generated inference, training steps, a Fashion-MNIST epoch),
then the same workloads in PyTorch (Debian's python3-torch, torch.set_num_threads(2), OpenBLAS),
and prints one table of median times with the ratio generated/PyTorch and each target of issue 8.

    /usr/bin/python3 bench/compare.py [--quick] [--only REGEX] [--offline] [--skip-java] [--json-in FILE]

Use /usr/bin/python3 (Debian's, which has torch), not another python3 on the PATH.
"""
import argparse
import ctypes
import datetime
import gzip
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPENBLAS_PACKAGE = "libopenblas0-openmp"
OPENBLAS_LIB = "/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0"
FASHION = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"
FASHION_LABELS = "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz"
PEAK_GFLOPS = 234.0  # fp32, both cores of the 2-core Zen 4 machine (TOOLCHAIN.md)

# (kind, workload, target as (ratio limit or None), description); ratio = generated / PyTorch
TARGETS = {
    ("Inference.predict", "lenet5/1"): (1 / 3, "at least 3x faster than PyTorch"),
    ("Train.step", "lenet5/64"): (1.0, "no slower than PyTorch"),
    ("Inference.predict", "resnet18_cifar/1"): (1.0, "no slower than PyTorch"),
    ("Train.step", "resnet18_cifar/64"): (1.5, "within 1.5x of PyTorch"),
    ("Inference.predict", "mobilenet_v2/1"): (1.0, "no slower than PyTorch"),
    ("Inference.predict", "vgg16/1"): (1.5, "within 1.5x of PyTorch"),
    ("Epoch.fashionMnist", "lenet5/64"): (1.0, "no slower than PyTorch"),
}


def ensure_openblas():
    """Debian's torch links the reference BLAS through libblas.so.3; OpenBLAS takes that slot once installed."""
    if not os.path.exists(OPENBLAS_LIB):
        if os.geteuid() == 0:
            print(f"installing {OPENBLAS_PACKAGE} (apt-get)...", flush=True)
            subprocess.run(["apt-get", "install", "-y", "-q", OPENBLAS_PACKAGE], check=False,
                           stdout=subprocess.DEVNULL)
            if not os.path.exists(OPENBLAS_LIB):
                subprocess.run(["apt-get", "update", "-q"], check=False, stdout=subprocess.DEVNULL)
                subprocess.run(["apt-get", "install", "-y", "-q", OPENBLAS_PACKAGE], check=False,
                               stdout=subprocess.DEVNULL)
        else:
            print(f"warning: {OPENBLAS_PACKAGE} is not installed and this is not root", file=sys.stderr)


def blas_in_use():
    """Which BLAS this process loaded, and OpenBLAS's own description of its kernel."""
    with open("/proc/self/maps") as f:
        libs = sorted({line.split()[-1] for line in f if "blas" in line.lower() and "/" in line})
    desc = ", ".join(os.path.basename(x) for x in libs) or "none loaded"
    for lib in libs:
        if "libopenblas" in os.path.basename(lib):
            try:
                ob = ctypes.CDLL(lib)
                ob.openblas_get_config.restype = ctypes.c_char_p
                ob.openblas_get_corename.restype = ctypes.c_char_p
                desc += f" [{ob.openblas_get_config().decode()}; core {ob.openblas_get_corename().decode()}]"
            except (OSError, AttributeError):
                continue
            break
    return desc


def run_java(args):
    env = dict(os.environ)
    mvn = [os.path.join(ROOT, "mvnw"), "-B", "-q", "-pl", "bench", "-am", "package", "-DskipTests"]
    if args.offline:
        mvn.insert(1, "-o")
    print("building bench/ ...", flush=True)
    subprocess.run(mvn, cwd=ROOT, check=True, env=env)
    with open(os.path.join(ROOT, "bench", "target", "classpath.txt")) as f:
        cp = os.path.join(ROOT, "bench", "target", "classes") + os.pathsep + f.read().strip()
    out = os.path.join(ROOT, "bench", "target", "jmh.json")
    cmd = ["java", "-cp", cp, "cnn.bench.BenchMain", "--json", out]
    if args.quick:
        cmd.append("--quick")
    if args.only:
        cmd += ["--include", args.only]
    if args.workloads:
        cmd += ["--workloads", args.workloads]
    print("running JMH:", " ".join(cmd[:1] + cmd[3:]), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True, env=env)
    with open(out) as f:
        return json.load(f)


# ---------------------------------------------------------------- PyTorch models, as bench/models/*.cnn


def torch_models():
    import torch
    from torch import nn

    class LeNet5(nn.Module):
        def __init__(self):
            super().__init__()
            self.f = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                                   nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                                   nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))

        def forward(self, x):
            return self.f(x)

    class Basic(nn.Module):
        def __init__(self, cin, cout, s):
            super().__init__()
            self.c1 = nn.Conv2d(cin, cout, 3, s, 1, bias=False)
            self.b1 = nn.BatchNorm2d(cout)
            self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
            self.b2 = nn.BatchNorm2d(cout)
            self.short = None
            if s != 1 or cin != cout:
                self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, s, bias=False), nn.BatchNorm2d(cout))

        def forward(self, x):
            y = self.b2(self.c2(torch.relu(self.b1(self.c1(x)))))
            return torch.relu(y + (x if self.short is None else self.short(x)))

    class ResNet18(nn.Module):
        def __init__(self, classes):
            super().__init__()
            layers = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
            cin = 64
            for cout, s in ((64, 1), (128, 2), (256, 2), (512, 2)):
                layers += [Basic(cin, cout, s), Basic(cout, cout, 1)]
                cin = cout
            layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, classes)]
            self.f = nn.Sequential(*layers)

        def forward(self, x):
            return self.f(x)

    class Inverted(nn.Module):
        def __init__(self, cin, cout, s, t):
            super().__init__()
            hidden = cin * t
            layers = []
            if t != 1:
                layers += [nn.Conv2d(cin, hidden, 1, bias=False), nn.BatchNorm2d(hidden), nn.ReLU6()]
            layers += [nn.Conv2d(hidden, hidden, 3, s, 1, groups=hidden, bias=False), nn.BatchNorm2d(hidden),
                       nn.ReLU6(), nn.Conv2d(hidden, cout, 1, bias=False), nn.BatchNorm2d(cout)]
            self.f = nn.Sequential(*layers)
            self.res = s == 1 and cin == cout

        def forward(self, x):
            return x + self.f(x) if self.res else self.f(x)

    class MobileNetV2(nn.Module):
        def __init__(self):
            super().__init__()
            layers = [nn.Conv2d(3, 32, 3, 2, 1, bias=False), nn.BatchNorm2d(32), nn.ReLU6()]
            cin = 32
            for t, c, n, s in ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1),
                               (6, 160, 3, 2), (6, 320, 1, 1)):
                for i in range(n):
                    layers.append(Inverted(cin, c, s if i == 0 else 1, t))
                    cin = c
            layers += [nn.Conv2d(320, 1280, 1, bias=False), nn.BatchNorm2d(1280), nn.ReLU6(),
                       nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(1280, 1000), nn.Softmax(1)]
            self.f = nn.Sequential(*layers)

        def forward(self, x):
            return self.f(x)

    def vgg16():
        layers = []
        cin = 3
        for c, n in ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3)):
            for _ in range(n):
                layers += [nn.Conv2d(cin, c, 3, padding=1), nn.ReLU()]
                cin = c
            layers.append(nn.MaxPool2d(2))
        layers += [nn.Flatten(), nn.Linear(25088, 4096), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4096, 4096),
                   nn.ReLU(), nn.Dropout(0.5), nn.Linear(4096, 1000), nn.Softmax(1)]
        return nn.Sequential(*layers)

    return {
        "lenet5": (lambda: nn.Sequential(LeNet5(), nn.Softmax(1)), (1, 28, 28)),
        "lenet5_logits": (LeNet5, (1, 28, 28)),
        "resnet18_cifar": (lambda: ResNet18(10), (3, 32, 32)),
        "mobilenet_v2": (MobileNetV2, (3, 224, 224)),
        "vgg16": (vgg16, (3, 224, 224)),
        "conv3x3": (lambda: nn.Conv2d(64, 64, 3, padding=1), (64, 56, 56)),
        "conv1x1": (lambda: nn.Conv2d(64, 64, 1), (64, 56, 56)),
    }


def timed_median(fn, warmup_iters, iters, seconds):
    """JMH's method: iterations of `seconds` each, the mean time per call in each; the median of the iterations."""
    means = []
    for i in range(warmup_iters + iters):
        n = 0
        start = time.perf_counter()
        while True:
            fn()
            n += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
        if i >= warmup_iters:
            means.append(elapsed / n * 1e3)
    return statistics.median(means)


def run_torch(rows, args):
    import torch
    torch.set_num_threads(2)
    torch.manual_seed(0)
    models = torch_models()
    warm, iters, secs = (2, 3, 1.0) if args.quick else (5, 10, 1.0)
    results = {}
    for r in rows:
        kind, workload = r["kind"], r["workload"]
        name, batch = workload.split("/")
        batch = int(batch)
        if kind == "Inference.predict":
            make, shape = models[name]
            model = make().eval()
            best = None
            for fmt in (torch.contiguous_format, torch.channels_last):
                m = model.to(memory_format=fmt)
                x = torch.randn(batch, *shape).to(memory_format=fmt)
                with torch.inference_mode():
                    t = timed_median(lambda: m(x), warm, iters, secs)
                best = t if best is None else min(best, t)
            results[(kind, workload)] = best
        elif kind == "Train.step":
            make, shape = models["lenet5_logits" if name == "lenet5" else name]
            model = make().train()
            x = torch.randn(batch, *shape)
            y = torch.randint(0, 10, (batch,))
            opt = (torch.optim.Adam(model.parameters(), lr=1e-3) if name == "lenet5"
                   else torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9))
            loss_fn = torch.nn.CrossEntropyLoss()

            def step():
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(model(x), y)
                loss.backward()
                opt.step()
            results[(kind, workload)] = timed_median(step, warm, iters, secs)
        elif kind == "Epoch.fashionMnist":
            results[(kind, workload)] = torch_fashion_epoch(models, batch, args)
        print(f"  pytorch {kind} {workload}: {results.get((kind, workload), float('nan')):.3f} ms", flush=True)
    return results


def torch_fashion_epoch(models, batch, args):
    import numpy as np
    import torch
    with gzip.open(FASHION) as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28).astype(np.float32) / 255
    with gzip.open(FASHION_LABELS) as f:
        y = np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    model = models["lenet5_logits"][0]().train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    times = []
    for _ in range(1 if args.quick else 3):
        g = torch.Generator().manual_seed(42)
        order = torch.randperm(len(x), generator=g)
        start = time.perf_counter()
        for i in range(0, len(x), batch):
            idx = order[i:i + batch]
            opt.zero_grad(set_to_none=True)
            loss_fn(model(x[idx]), y[idx]).backward()
            opt.step()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="fewer, shorter iterations (a smoke run)")
    p.add_argument("--only", help="JMH include regex, e.g. 'InferenceBench'")
    p.add_argument("--workloads", help="comma-separated workloads, e.g. lenet5/1,conv3x3/1")
    p.add_argument("--offline", action="store_true", help="build with mvnw -o")
    p.add_argument("--json-in", help="take the Java results from this file instead of running JMH")
    args = p.parse_args()

    ensure_openblas()
    if os.environ.get("CNN_BENCH_CHILD") != "1":
        # benchmark OpenBLAS with its own detection of this CPU (see the machine notes), in this command alone
        env = dict(os.environ, CNN_BENCH_CHILD="1", OMP_NUM_THREADS="2")
        # OpenMP threads that spin while they wait lose their time slices whenever the machine runs
        # anything else; on the shared 2-core machine that made PyTorch 60x slower (0.23 ms LeNet-5
        # inference took 15 ms). Waiting passively is its best setup here; pass another value to override.
        env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
            env.pop(v, None)
        os.execve(sys.executable, [sys.executable] + sys.argv, env)

    started = datetime.datetime.now().astimezone()
    if args.json_in:
        with open(args.json_in) as f:
            rows = json.load(f)
    else:
        rows = run_java(args)
    import torch
    print("running PyTorch ...", flush=True)
    results = run_torch(rows, args)
    blas = blas_in_use()

    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    print()
    print(f"date: {started:%Y-%m-%d %H:%M %Z}; machine: {os.cpu_count()} cores {cpu}, {platform.machine()}, "
          f"load average at the end {os.getloadavg()[0]:.1f}")
    print(f"java: {java}; PyTorch {torch.__version__} with {torch.get_num_threads()} threads, "
          f"oneDNN {'on' if torch.backends.mkldnn.is_available() else 'off'}, "
          f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY')}; BLAS: {blas}")
    print()
    header = f"| {'benchmark':<19} | {'workload':<18} | {'cnn ms':>9} | {'GFLOP/s':>7} | {'heap MiB':>8} | " \
             f"{'PyTorch ms':>10} | {'cnn/PyTorch':>11} | target |"
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for r in rows:
        key = (r["kind"], r["workload"])
        t = results.get(key)
        ratio = r["median_ms"] / t if t else float("nan")
        verdict = ""
        if key in TARGETS:
            limit, text = TARGETS[key]
            verdict = f"{'met' if ratio <= limit else 'MISSED'}: {text}"
        elif r["workload"].startswith("conv3x3") and r["kind"] == "Inference.predict":
            verdict = f"{'met' if r['gflops'] >= PEAK_GFLOPS / 2 else 'MISSED'}: >= 50% of {PEAK_GFLOPS:.0f} GFLOP/s peak"
        print(f"| {r['kind']:<19} | {r['workload']:<18} | {r['median_ms']:>9.3f} | {r['gflops']:>7.1f} | "
              f"{r['heap_mib']:>8.0f} | {t if t else float('nan'):>10.3f} | {ratio:>11.2f} | {verdict} |")


if __name__ == "__main__":
    main()
