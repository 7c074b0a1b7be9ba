"""The flat start from inside, at two input sizes (issue 30, deliverable 1): one attempt of a method on a development
cohort, trained by the library's recipe, with per-epoch training loss parts and gradient norms (encoder, classification
head, mu / log-variance heads) and, on validation: AUC, the warm start's auxiliary AUC, the local class evidence inside the
boxes against outside them (InfoMask), and the method's map inside the boxes against outside (InfoMask's mask, Grad-CAM for
the plain CNN). Trains the first --epochs of a --budget-epoch one-cycle schedule (the first quarter by default) and appends
one JSON row per epoch to science/results/flat_start.jsonl.

  python science/flat_start.py --cohort dev-nih --method infomask --size 128 --seed 0
  python science/flat_start.py --cohort dev-nih --method gradcam --size 128 --seed 0
"""
import argparse, json, os, time
from pathlib import Path
import numpy as np, torch, torch.nn.functional as F
ap = argparse.ArgumentParser()
ap.add_argument('--cohort', default='dev-nih'); ap.add_argument('--method', default='infomask'); ap.add_argument('--seed', type=int, default=0)
ap.add_argument('--size', type=int, default=64); ap.add_argument('--budget', type=int, default=None); ap.add_argument('--epochs', type=int, default=None)
ap.add_argument('--tag', default='recipe'); ap.add_argument('--kw', default='{}', help='JSON: Recipe fields or network options to override')
ap.add_argument('--n', type=int, default=800); ap.add_argument('--threads', type=int, default=1)
ap.add_argument('--work', default=os.environ.get('INFOMASK_WORK', '/tmp/infomask_protocol'))
ap.add_argument('--out', default=str(Path(__file__).parent / 'results' / 'flat_start.jsonl'))
a = ap.parse_args()
torch.set_num_threads(a.threads)
from fastai.callback.core import Callback, CancelFitException
from fastai.torch_core import set_seed
from infomask_nb.data import cxr_dls
from _cohort import cohort_table, default_budget
from infomask_nb.metrics import roc_auc
from infomask_nb.model import model_map, get_method
from infomask_nb.cam import localize
from infomask_nb.learner import infomask_learner
from infomask_nb.runs import Recipe
df = cohort_table(a.cohort, a.work, n=a.n, draw=128, development=True)
kw = json.loads(a.kw)
B = a.budget or default_budget(df); E = a.epochs or Recipe().start_check_epoch(B) + 1
masked = get_method(a.method).masked
dls = cxr_dls(df, size=a.size, bs=Recipe().bs, seed=0)

def gnorm(mod): return float(torch.sqrt(sum((p.grad.float() ** 2).sum() for p in mod.parameters() if p.grad is not None))) if mod is not None else None

class Probe(Callback):
    order = 95
    def before_fit(self):
        self.ev = None
        if masked: self.learn.model.classifier.register_forward_hook(lambda m, i, o: setattr(self, 'ev', o.detach()))   # local evidence (bs, 2, h, w)
    def before_epoch(self): self.tr, self.va = [], dict(p=[], aux=[], y=[], m_in=[], m_out=[], e_in=[], e_out=[], mask=[], mu_sd=[])
    def after_backward(self):
        n = self.learn.model; l = self.learn.loss_func.last
        self.tr.append([float(l['ce']), float(l['reg']), float(l['alpha']), gnorm(n.encoder), gnorm(n.classifier),
                        gnorm(getattr(n, 'mu_head', None)) or 0.0])
    def after_batch(self):
        if self.training: return
        y, box = self.learn.yb; b = box.bool(); o = getattr(self.learn, 'out', None)
        self.va['y'].append(y.cpu()); self.va['p'].append(F.softmax(self.learn.pred.float(), -1)[:, 1].cpu())
        if masked:
            self.va['aux'].append(F.softmax(o.aux.float(), -1)[:, 1].cpu())
            m = model_map(self.learn.model, o); self.va['mask'].append(o.mask.flatten(1).mean(1).cpu()); self.va['mu_sd'].append(o.mu.flatten(1).std(1).cpu())
            e = self.ev[:, 1] - self.ev[:, 0]                                          # evidence for the finding, per location
            eb = F.interpolate(box[:, None].float(), size=e.shape[-2:], mode='area')[:, 0] > 0.5
        else:
            with torch.enable_grad(): m = localize(self.learn.model, self.learn.xb[0])[1]
        for k in range(len(y)):
            if b[k].any() and (~b[k]).any():
                self.va['m_in'].append(float(m[k][b[k]].mean())); self.va['m_out'].append(float(m[k][~b[k]].mean()))
                if masked and eb[k].any() and (~eb[k]).any(): self.va['e_in'].append(float(e[k][eb[k]].mean())); self.va['e_out'].append(float(e[k][~eb[k]].mean()))
    def after_epoch(self):
        t = np.mean(self.tr, 0); v = self.va; y = torch.cat(v['y'])
        row = dict(cohort=a.cohort, method=a.method, size=a.size, seed=a.seed, tag=a.tag, kw=kw, budget=B, epoch=self.epoch,
                   train_ce=t[0], train_reg=t[1], alpha=t[2], g_encoder=t[3], g_head=t[4], g_mu=t[5] if masked else None,
                   valid_auc=roc_auc(torch.cat(v['p']), y), valid_aux_auc=roc_auc(torch.cat(v['aux']), y) if masked else None,
                   map_in_box=float(np.mean(v['m_in'])), map_outside=float(np.mean(v['m_out'])),
                   evidence_in_box=float(np.mean(v['e_in'])) if masked else None, evidence_outside=float(np.mean(v['e_out'])) if masked else None,
                   mask_mean=float(torch.cat(v['mask']).mean()) if masked else None, mu_spatial_sd=float(torch.cat(v['mu_sd']).mean()) if masked else None,
                   minutes=round((time.time() - t0) / 60, 2))
        row = {k: (round(float(x), 5) if isinstance(x, (float, np.floating)) else x) for k, x in row.items()}
        with open(a.out, 'a') as f: f.write(json.dumps(row) + '\n')
        print(' '.join(f"{k}={row[k]}" for k in ('method', 'size', 'epoch', 'train_ce', 'g_encoder', 'g_head', 'valid_auc', 'valid_aux_auc',
                                                 'map_in_box', 'map_outside', 'evidence_in_box', 'evidence_outside', 'mask_mean')), flush=True)
        if self.epoch + 1 >= E: raise CancelFitException()

t0 = time.time()
set_seed(a.seed, reproducible=True)
learn = infomask_learner(dls, a.method, cbs=[Probe()], **kw)
with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(B)
