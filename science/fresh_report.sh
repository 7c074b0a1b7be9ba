#!/usr/bin/env bash
# The fresh report of science/fresh_report.md: 4 report cohorts x 4 methods x seeds 0-4 at 64 px, the library's
# default recipe of the time (16 epochs: pinned, as the budget now depends on the training set), two runs at a time (one thread each). A finished run is skipped, so a killed report resumes.
#   bash science/fresh_report.sh          the 80 runs of part 1
#   bash science/fresh_report.sh part2    part 2: fresh-nih at 128 px (InfoMask, Grad-CAM), then CheXCAM at 64 px
#   bash science/fresh_report.sh report2 [faint128]   report 2: fresh2-nih at 128 and 64 px, fresh2-nih-faint at 64 px [then at 128 px]
#   bash science/fresh_report.sh report3   report 3: fresh3-nih and fresh3-nih-faint at 64 px, then at 128 px fresh3-nih, then fresh3-nih-faint (the sized budget)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-science/results/fresh_report.jsonl}
if [ "${1:-}" = report3 ]; then   # report 3 (science/fresh_report.md): the budget sized by the training set (library 0.3.0); no --epochs
  { for c in fresh3-nih fresh3-nih-faint; do for seed in 0 1 2 3 4; do for m in infomask gradcam; do echo "$c $m $seed 64 report3"; done; done; done
    for c in fresh3-nih fresh3-nih-faint; do for seed in 0 1 2 3 4; do for m in infomask gradcam; do echo "$c $m $seed 128 report3_s128"; done; done; done; } |
  xargs -P 2 -L 1 sh -c 'python science/protocol.py --cohort "$0" --method "$1" --seeds "$2" --size "$3" --draw 128 --tag "$4" --out '"${OUT%fresh_report.jsonl}fresh_report3.jsonl"
  exit 0
fi
if [ "${1:-}" = report2 ]; then   # report 2 (science/fresh_report.md): the margin-reading default of library 0.2.0
  if [ "${2:-}" = faint128 ]; then
    for seed in 0 1 2 3 4; do for m in infomask gradcam; do echo "fresh2-nih-faint $m $seed 128 report2_s128"; done; done
  else
    for seed in 0 1 2 3 4; do for m in infomask gradcam; do echo "fresh2-nih $m $seed 128 report2_s128"; done; done
    for c in fresh2-nih fresh2-nih-faint; do for seed in 0 1 2 3 4; do for m in infomask gradcam; do echo "$c $m $seed 64 report2"; done; done; done
  fi | xargs -P 2 -L 1 sh -c 'python science/protocol.py --cohort "$0" --method "$1" --seeds "$2" --size "$3" --draw 128 --epochs 16 --tag "$4" --out '"${OUT%fresh_report.jsonl}fresh_report2.jsonl"
  exit 0
fi
if [ "${1:-}" = part2 ]; then
  { for seed in 0 1 2 3 4; do for m in infomask gradcam; do echo "fresh-nih $m $seed 128 report1_s128"; done; done
    for seed in 0 1 2 3 4; do for c in fresh-simple fresh-simple-faint fresh-nih fresh-nih-faint; do echo "$c chexcam $seed 64 report1"; done; done; } |
  xargs -P 2 -L 1 sh -c 'python science/protocol.py --cohort "$0" --method "$1" --seeds "$2" --size "$3" --draw 128 --epochs 16 --tag "$4" --out '"$OUT"
  exit 0
fi
for seed in 0 1 2 3 4; do for c in fresh-simple fresh-simple-faint fresh-nih fresh-nih-faint; do
  for m in infomask gradcam featuremask regl1; do echo "$c $m $seed"; done; done; done |
  xargs -P 2 -L 1 sh -c 'python science/protocol.py --cohort "$0" --method "$1" --seeds "$2" --epochs 16 --tag report1 --out '"$OUT"
