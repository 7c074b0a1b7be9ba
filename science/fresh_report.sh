#!/usr/bin/env bash
# The fresh report of science/fresh_report.md: 4 report cohorts x 4 methods x seeds 0-4 at 64 px, the library's
# default recipe, two runs at a time (one thread each). A finished run is skipped, so a killed report resumes.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-science/results/fresh_report.jsonl}
for seed in 0 1 2 3 4; do for c in fresh-simple fresh-simple-faint fresh-nih fresh-nih-faint; do
  for m in infomask gradcam featuremask regl1; do echo "$c $m $seed"; done; done; done |
  xargs -P 2 -L 1 sh -c 'python science/protocol.py --cohort "$0" --method "$1" --seeds "$2" --tag report1 --out '"$OUT"
