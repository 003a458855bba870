#!/usr/bin/env bash
# The transfer-learning example (README, "Transfer learning"): train a base network on five of
# Fashion-MNIST's classes, then learn the other five from a few hundred images three ways and
# compare them on the same 5000 held-out test images:
#   (a) from scratch, (b) a new head on the base's cached features, (c) that head, then fine-tuning.
# It also times training the head on cached features against training it on the frozen layers.
#
# usage: examples/transfer/run.sh [OUT_DIR]         (default runs/transfer; about 15 minutes)
#        QUICK=1 examples/transfer/run.sh OUT_DIR   (a short run that checks the workflow works)
# CNNC may name another cnnc command (the tests run the compiler from their class path).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-runs/transfer}"
models="$root/examples/models/transfer"
read -r -a cnnc <<< "${CNNC:-$root/cnnc}"

base_classes=0,1,4,5,8      # T-shirt/top, trouser, coat, sandal, bag
new_classes=2,3,6,7,9       # pullover, dress, shirt, sneaker, ankle boot
per_class=60                # 300 training images for the new task
base_flags=()
flags=()
test_flags=()
if [ -n "${QUICK:-}" ]; then
  per_class=20
  base_flags=(--steps 60)
  flags=(--epochs 2)
  test_flags=(--per-class 60)
fi

data="$out/data"
mkdir -p "$data"
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
accuracy() { sed -n 's/^test accuracy: \([0-9.]*%\).*/\1/p' "$1" | tail -n 1; }
run() { # run LOG cnnc-arguments…: quiet, but the log is shown if it fails
  local log="$1"; shift
  if ! "${cnnc[@]}" "$@" > "$log" 2>&1; then
    cat "$log" >&2
    echo "run.sh: failed: cnnc $*" >&2
    exit 1
  fi
}

echo "data: Fashion-MNIST classes $base_classes for the base, $new_classes for the new task"
run "$out/subset.log" subset fashion-mnist --classes "$base_classes" -o "$data/base-train.npz"
run "$out/subset.log" subset fashion-mnist --classes "$base_classes" --part test -o "$data/base-test.npz"
run "$out/subset.log" subset fashion-mnist --classes "$new_classes" --per-class "$per_class" --seed 1 \
  -o "$data/new-train.npz"
run "$out/subset.log" subset fashion-mnist --classes "$new_classes" --part test "${test_flags[@]}" \
  -o "$data/new-test.npz"

echo "base: training Base on the base classes"
run "$out/base.log" train "$models/base.cnn" --model Base --data "$data/base-train.npz" \
  --test "$data/base-test.npz" --out "$out/base" --progress none "${base_flags[@]}"
base="$out/base/Base.npz"

echo "(a) from scratch"
t0=$(now)
run "$out/scratch.log" train "$models/transfer.cnn" --model Scratch --data "$data/new-train.npz" \
  --test "$data/new-test.npz" --out "$out/scratch" --progress none "${flags[@]}"
t_scratch=$(seconds "$t0" "$(now)")

echo "(b) head on cached features"
t0=$(now)
run "$out/features.log" features "$models/transfer.cnn" --model Transfer --until features --weights "$base" \
  --data "$data/new-train.npz" -o "$data/features-train.npz"
run "$out/features-test.log" features "$models/transfer.cnn" --model Transfer --until features \
  --weights "$base" --data "$data/new-test.npz" -o "$data/features-test.npz"
t1=$(now)
run "$out/head.log" train "$models/transfer.cnn" --model Head --data "$data/features-train.npz" \
  --test "$data/features-test.npz" --out "$out/head" --progress none "${flags[@]}"
t_features=$(seconds "$t0" "$t1")
t_head=$(seconds "$t1" "$(now)")

echo "    the same head on the frozen layers, uncached, for comparison"
t0=$(now)
run "$out/uncached.log" train "$models/transfer.cnn" --model Transfer --base "$base" \
  --data "$data/new-train.npz" --test "$data/new-test.npz" --out "$out/uncached" --progress none "${flags[@]}"
t_uncached=$(seconds "$t0" "$(now)")

echo "(c) head, then fine-tuning"
t0=$(now)
run "$out/tuned.log" train "$models/transfer.cnn" --model Tuned --base "$base" --base "$out/head/Head.npz" \
  --unfreeze 1 --finetune-lr-scale 0.1 --data "$data/new-train.npz" --test "$data/new-test.npz" \
  --out "$out/tuned" --progress none "${flags[@]}"
t_tuned=$(seconds "$t0" "$(now)")

echo
echo "Base: $(accuracy "$out/base.log") on the base classes' test images"
echo "New task: $((per_class * 5)) training images; accuracy on the same held-out test images:"
echo
echo "| approach                                       | test accuracy | training time |"
echo "|------------------------------------------------|---------------|---------------|"
printf '| %-46s | %13s | %11s s |\n' "(a) from scratch" "$(accuracy "$out/scratch.log")" "$t_scratch"
printf '| %-46s | %13s | %11s s |\n' "(b) head only, on cached features" "$(accuracy "$out/head.log")" \
  "$t_head"
printf '| %-46s | %13s | %11s s |\n' "(c) head (b), then fine-tuning conv_2 at lr/10" "$(accuracy "$out/tuned.log")" \
  "$t_tuned"
echo
echo "Feature caching: the head trained in $t_head s on cached features (caching them took $t_features s)"
echo "against $t_uncached s on the frozen layers, to the same test accuracy ($(accuracy "$out/head.log") and"
echo "$(accuracy "$out/uncached.log"))."
