#!/usr/bin/env bash
# Every bench/ script in a smoke mode: tiny sizes, a few seconds each, rows written to a temporary folder (never
# bench/results/), so that no bench script can rot unseen. Speed claims come from full runs (each script's defaults).
set -uo pipefail
cd "$(dirname "$0")/.."
export INFOMASK_BENCH_RESULTS="$(mktemp -d)" MPLBACKEND=Agg PYTHONUNBUFFERED=1
t=$(mktemp -d); ok=0; bad=0
run() {
  local t0=$SECONDS
  if timeout 600 python "$@" > "$t/out" 2>&1; then ok=$((ok+1)); echo "ok ($((SECONDS-t0)) s): $*"
  else bad=$((bad+1)); tail -25 "$t/out"; echo "FAILED: $*"; fi
}
run bench/region_boxes.py --maps 2 --thresholds 5
run bench/cache.py --n 64 --film 96 --size 32 --repeats 1 --threads 1 --cohort "$t/cache"
run bench/data_vs_train.py --n 16 --film 96 --size 32 --bs 4 --batches 2 --workers 1 --threads 1 --cohort "$t/dvt"
run bench/train_overhead.py --sizes 32 --bs 4 --batches 2 --repeats 1 --threads 1
run bench/compile.py --size 32 --bs 4 --batches 2 --repeats 1 --threads 1
run bench/eval_sweep.py --n 20 --size 32 --thresholds 5 --threads 1
run bench/eval_memory.py --sizes 20 40 --px 32 --cohort "$t/mem"
run bench/inference.py --size 32 --bs 4 --repeats 1 --threads 1
run bench/channels_last.py --sizes 32 --bs 4 --batches 2 --repeats 1 --threads 1
run bench/demo_parallel.py --n_images 80 --epochs 1 --size 32
echo "bench smoke: $ok ran, $bad failed (rows in $INFOMASK_BENCH_RESULTS)"
[ "$bad" -eq 0 ]
