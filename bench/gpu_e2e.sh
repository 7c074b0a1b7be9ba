#!/usr/bin/env bash
# The whole path on a GPU machine (issue 14): synth -> train -> evaluate -> localize, InfoMask and CheXCAM, at
# 256 px by default. Prepared for a lent GPU; also runs on a CPU at toy sizes (the smoke test in the closing note):
#   SIZE=32 N=60 EPOCHS=1 DEVICE=cpu bash bench/gpu_e2e.sh
# Appends one JSON row per method to bench/results/gpu_e2e.jsonl (device, sizes, minutes per phase, test metrics).
# SYNTH: side of the phantom films (default twice SIZE); METHODS: which methods; BF16=0 trains in float32 (--no_bf16).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${SIZE:-256}; N=${N:-2000}; EPOCHS=${EPOCHS:-8}; DEVICE=${DEVICE:-auto}; WORKERS=${WORKERS:-8}; BS=${BS:-64}
SYNTH=${SYNTH:-$((SIZE * 2))}; METHODS=${METHODS:-infomask chexcam}; BF16=${BF16:-1}
W=${WORK:-$(mktemp -d)}; NOBF=(); [ "$BF16" = 0 ] && NOBF=(--no_bf16)
PY=${PYTHON:-python3}; BIN=$(dirname "$(command -v infomask_train)")
t() { date +%s.%N; }
t0=$(t); [ -d "$W/coh" ] || "$BIN/infomask_synth" "$W/coh" --n_images "$N" --size "$SYNTH" --seed 7 >/dev/null; t1=$(t)
for m in $METHODS; do
  rm -rf "$W/$m" "$W/rep_$m" "$W/loc_$m"
  a=$(t)
  "$BIN/infomask_train" "$W/coh" "$W/$m" --method "$m" --size "$SIZE" --epochs "$EPOCHS" --bs "$BS" --device "$DEVICE" \
     --num_workers "$WORKERS" --cache "$W/cache" --negatives all "${NOBF[@]}" | tail -n 2
  b=$(t)
  "$BIN/infomask_evaluate" "$W/coh" "$W/$m" --out "$W/rep_$m" --device "$DEVICE" >/dev/null
  c=$(t)
  "$BIN/infomask_localize" "$W/$m" $(ls "$W"/coh/images/*.png | head -n 16) --out "$W/loc_$m" --device "$DEVICE" >/dev/null
  d=$(t)
  "$PY" - "$W" "$m" "$SIZE" "$N" "$EPOCHS" "$DEVICE" "$BF16" "$SYNTH" "$t0" "$t1" "$a" "$b" "$c" "$d" <<'PY'
import sys, json, torch
from pathlib import Path
w, m, size, n, ep, dev, bf16, synth = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7] != '0', int(sys.argv[8])
t0, t1, a, b, c, d = map(float, sys.argv[9:])
cfg = json.loads((Path(w) / m / 'config.json').read_text())
s = json.loads((Path(w) / f'rep_{m}' / 'metrics.json').read_text())['summary'][0]
loc = json.loads((Path(w) / f'loc_{m}' / 'results.json').read_text())
cuda = torch.cuda.is_available() and dev != 'cpu'
row = dict(method=m, device=torch.cuda.get_device_name() if cuda else 'cpu', torch=torch.__version__, bf16=bf16 and cuda, size=size, film_px=synth, films=n, epochs=ep,
           attempts=len(cfg['selection'].get('attempts') or [1]), left_prior_epoch=cfg['selection'].get('left_prior_epoch'),
           synth_min=round((t1 - t0) / 60, 2), train_min=round((b - a) / 60, 2), evaluate_min=round((c - b) / 60, 2),
           localize_s_per_film=round((d - c) / len(loc), 3), test_auc=round(s['auc'], 3), test_iou=round(s['iou'], 3), learned=s.get('learned'))
import subprocess, datetime
row['code'] = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip() or 'unknown'
row['date'] = datetime.date.today().isoformat()
print(json.dumps(row))
out = Path('bench/results'); out.mkdir(exist_ok=True)
with open(out / 'gpu_e2e.jsonl', 'a') as f: f.write(json.dumps(row) + '\n')
PY
done
