"""What the slow start looks like from inside (issue 13): one InfoMask run on a development cohort, with per-epoch
training loss parts, gradient norms of the encoder, the evidence head and the mu / log-variance heads, and on
validation: AUC of the prediction (mask-weighted mean of evidence) and of the warm start's auxiliary classifier
(log-sum-exp of the same evidence), and how much more mask the boxes get than the rest of the film.
Appends one JSON row per epoch to science/results/slow_start.jsonl.

  python science/slow_start.py --cohort dev-simple --seed 0 --tag aux50 --kw '{"pool": "mean", "warm_mode": "aux"}'
"""
import argparse, json, os
from pathlib import Path
import numpy as np, torch, torch.nn.functional as F
ap = argparse.ArgumentParser()
ap.add_argument('--cohort', default='dev-simple'); ap.add_argument('--seed', type=int, default=0)
ap.add_argument('--epochs', type=int, default=None); ap.add_argument('--tag', default='default'); ap.add_argument('--kw', default='{}')
ap.add_argument('--work', default=os.environ.get('INFOMASK_WORK', '/tmp/infomask_protocol'))
ap.add_argument('--out', default=str(Path(__file__).parent / 'results' / 'slow_start.jsonl'))
a = ap.parse_args()
torch.set_num_threads(1)
from fastai.callback.core import Callback
from fastai.torch_core import set_seed
from infomask_nb.data import cxr_dls
from _cohort import cohort_table, default_budget
from infomask_nb.metrics import roc_auc
from infomask_nb.model import model_map
from infomask_nb.learner import infomask_learner
df = cohort_table(a.cohort, a.work, development=True)
E = a.epochs or default_budget(df)
dls = cxr_dls(df, size=64, bs=32, seed=a.seed)

def gnorm(mod): return float(torch.sqrt(sum((p.grad.float() ** 2).sum() for p in mod.parameters() if p.grad is not None)))

class Probe(Callback):
    order = 95
    def before_epoch(self): self.tr, self.va = [], dict(p=[], aux=[], y=[], m_in=[], m_out=[], mu_sd=[])
    def after_backward(self):
        n = self.learn.model; l = self.learn.loss_func.last
        self.tr.append([float(l['ce']), float(l['aux']), float(l['reg']), float(l['aux_weight']), float(l['alpha']),
                        gnorm(n.encoder), gnorm(n.classifier), gnorm(n.mu_head), gnorm(n.logvar_head)])
    def after_batch(self):
        if self.training: return
        o, (y, box) = self.learn.out, self.learn.yb
        self.va['p'].append(F.softmax(o.logits.float(), -1)[:, 1]); self.va['aux'].append(F.softmax(o.aux.float(), -1)[:, 1]); self.va['y'].append(y)
        m = model_map(self.learn.model, o); b = box.bool()
        for k in range(len(y)):
            if b[k].any(): self.va['m_in'].append(float(m[k][b[k]].mean())); self.va['m_out'].append(float(m[k][~b[k]].mean()))
        self.va['mu_sd'].append(o.mu.flatten(1).std(1))
    def after_epoch(self):
        t = np.mean(self.tr, 0); v = self.va; y = torch.cat(v['y'])
        row = dict(cohort=a.cohort, seed=a.seed, tag=a.tag, kw=kw, epochs=E, epoch=self.epoch,
                   train_ce=t[0], train_aux_ce=t[1], train_kl=t[2], aux_weight=t[3], alpha=t[4],
                   g_encoder=t[5], g_evidence=t[6], g_mu=t[7], g_logvar=t[8],
                   valid_auc=roc_auc(torch.cat(v['p']), y), valid_aux_auc=roc_auc(torch.cat(v['aux']), y),
                   map_in_box=float(np.mean(v['m_in'])), map_outside=float(np.mean(v['m_out'])), mu_spatial_sd=float(torch.cat(v['mu_sd']).mean()))
        row = {k: (round(float(x), 5) if isinstance(x, (float, np.floating)) else x) for k, x in row.items()}
        with open(a.out, 'a') as f: f.write(json.dumps(row) + '\n')
        print(' '.join(f"{k}={row[k]}" for k in ('epoch', 'train_ce', 'train_aux_ce', 'g_evidence', 'g_mu', 'valid_auc', 'valid_aux_auc', 'map_in_box', 'map_outside', 'mu_spatial_sd')), flush=True)

kw = json.loads(a.kw)
set_seed(a.seed, reproducible=True)
learn = infomask_learner(dls, 'infomask', cbs=[Probe()], **kw)
with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(E, learn.lr)
