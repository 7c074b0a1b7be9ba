#!/usr/bin/env bash
# Paper-size InfoMask at 224 px on a GPU: training images/s with bfloat16 autocast + channels-last (what
# `infomask_learner` turns on when CUDA is present) against float32, and peak GPU memory. Prepared for a GPU
# machine. Usage: bash bench/gpu.sh [batch size]. Run on an NVIDIA H200 (rows in bench/results/gpu.jsonl) with
# `bash bench/gpu.sh 64; bash bench/gpu.sh 256`.
set -euo pipefail
cd "$(dirname "$0")/.."
"${PYTHON:-python3}" - "${1:-64}" <<'PY'
import sys, time, json, torch
from infomask_nb.model import build_model
from infomask_nb.learner import InfoMaskLoss
assert torch.cuda.is_available(), "no CUDA device"
bs = int(sys.argv[1]); dev = 'cuda'
def run(amp, steps=30):
    torch.manual_seed(0); torch.cuda.reset_peak_memory_stats()
    m = build_model('infomask', width=1.0).to(dev)
    if amp: m = m.to(memory_format=torch.channels_last)
    opt = torch.optim.AdamW(m.parameters(), 1e-3, fused=True); lf = InfoMaskLoss(0.01, 'kl')
    x = torch.randn(bs, 1, 224, 224, device=dev); y = torch.randint(0, 2, (bs,), device=dev)
    if amp: x = x.to(memory_format=torch.channels_last)
    for i in range(steps + 5):
        if i == 5: torch.cuda.synchronize(); t0 = time.perf_counter()
        with torch.autocast('cuda', dtype=torch.bfloat16, enabled=amp):
            out = m(x)
        loss = lf(type(out)(*[o.float() if o is not None else None for o in out]), y)
        loss.backward(); opt.step(); opt.zero_grad(set_to_none=True)
    torch.cuda.synchronize()
    return bs * steps / (time.perf_counter() - t0), torch.cuda.max_memory_allocated() / 2**30
f32, m32 = run(False); bf, mbf = run(True)
print(json.dumps(dict(card=torch.cuda.get_device_name(), torch=torch.__version__, bs=bs, size=224, fp32_images_per_s=round(f32, 1), fp32_peak_gib=round(m32, 2),
                      bf16_cl_images_per_s=round(bf, 1), bf16_cl_peak_gib=round(mbf, 2), speedup=round(bf / f32, 2))))
PY
