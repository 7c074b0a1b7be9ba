#!/usr/bin/env bash
# What one lent GPU machine runs for issue 14, as one command (the device tool's `run`, 10 minutes at most):
#   bash bench/gpu_lease.sh     (with .whl carried: the wheels the machine's image lacks, see below)
# The machine has PyTorch but none of fastai, fastcore, pydicom, highdicom..., and no network: the wheels travel in
# .whl (made here with `pip download --no-deps --python-version 3.12 ...`, fastprogress<1.1). Steps, each with its
# own time limit so that one failing step leaves the others' results: the library installed; nvidia-smi; the whole
# path synth -> train -> evaluate -> localize at 256 px for InfoMask and CheXCAM (bench/gpu_e2e.sh, bfloat16);
# InfoMask again in float32 (--no_bf16); the demo on CUDA. Logs and bench/results/gpu_e2e.jsonl go to $OUT.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-$(mktemp -d)}; T0=$(date +%s)
log() { echo "[$(( $(date +%s) - T0 )) s] $*" | tee -a "$OUT/lease.log"; }
save() { cp bench/results/gpu_e2e.jsonl "$OUT/" 2>/dev/null || true; }
WHL=${WHL:-.whl}
if [ -d "$WHL" ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site "$WHL"/*.whl || exit 1
  export PYTHONPATH=/tmp/site
fi
python3 -m pip install -q --no-index --no-deps --no-build-isolation -e . >"$OUT/install.log" 2>&1 || { log "install failed"; cat "$OUT/install.log"; exit 1; }
export PYTHONUNBUFFERED=1
(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null || echo no nvidia-smi) | tee -a "$OUT/lease.log"
python3 -c "import torch, fastai, infomask_nb; print('torch', torch.__version__, 'fastai', fastai.__version__, 'cuda', torch.cuda.is_available())" | tee -a "$OUT/lease.log"
W=/tmp/e2e; mkdir -p $W
log "e2e bf16: infomask, chexcam"
SYNTH=${SYNTH:-256} N=${N:-1000} WORK=$W timeout ${E2E_S:-300} bash bench/gpu_e2e.sh 2>&1 | tee "$OUT/e2e.log" | grep -v Warning; log "e2e rc ${PIPESTATUS[0]}"; save
log "e2e float32: infomask"
SYNTH=${SYNTH:-256} N=${N:-1000} WORK=$W METHODS=infomask BF16=0 timeout ${F32_S:-90} bash bench/gpu_e2e.sh 2>&1 | tee "$OUT/e2e_f32.log" | grep -v Warning; log "f32 rc ${PIPESTATUS[0]}"; save
log "demo on cuda"
( cd /tmp && timeout ${DEMO_S:-110} infomask_demo 2>&1 ) | tail -n 25 | tee "$OUT/demo.log"; log "demo rc ${PIPESTATUS[0]}"
save; log done
