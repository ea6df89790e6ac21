"""
family-trees cross-check: the experiment's set-up as we read RHW 1986, written again in NumPy,
independently of src/backprop, to tell a bug in our MLP from a property of the set-up.

    npx tsx -e "import {familyCases, caseVectors} from './src/experiments/lib/family-trees.ts'; \
      console.log(JSON.stringify(familyCases().map(caseVectors)))" > /tmp/family-cases.json
    /usr/bin/python3 scripts/crosscheck/family-trees-numpy.py /tmp/family-cases.json [seed] [initRange] [decay] [sweeps]

36 -> 12 (6 person + 6 relation units, two groups) -> 12 -> 6 -> 24 sigmoid units, squared error,
one change per sweep of the gradient summed over the 100 training cases, eps 0.005 and momentum 0.5
for 20 sweeps then eps 0.01 and momentum 0.9, every weight times (1 - decay) after each change,
U[-initRange, initRange] weights and biases, 4 cases held out at random. Prints the error and the
training cases right (on-units > 0.8, off-units < 0.2) every 250 sweeps.

On 2026-12-06 (seed 1): 50.79 and 0 right from sweep 250 to 1,500 with the defaults (0.3, 0.002),
the plateau our experiment reports; 50.78 after 3,000 sweeps without decay; only without decay and
with U[-1, 1] does it leave the plateau (18 of 100 right after 1,500 sweeps).
"""
import json, numpy as np, sys
cases = json.load(open(sys.argv[1]))
X = np.array([c['input'] for c in cases], float); Y = np.array([c['target'] for c in cases], float)
rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
perm = rng.permutation(len(X)); test = perm[:4]; tr = perm[4:]
Xt, Yt = X[tr], Y[tr]
sizes = [36, 12, 12, 6, 24]
r = float(sys.argv[3]) if len(sys.argv) > 3 else 0.3
W = [rng.uniform(-r, r, (sizes[i+1], sizes[i])) for i in range(4)]
b = [rng.uniform(-r, r, sizes[i+1]) for i in range(4)]
mask = np.zeros((12, 36)); mask[:6, :24] = 1; mask[6:, 24:] = 1
W[0] *= mask
vW = [np.zeros_like(w) for w in W]; vb = [np.zeros_like(x) for x in b]
sig = lambda z: 1 / (1 + np.exp(-z))
decay = float(sys.argv[4]) if len(sys.argv) > 4 else 0.002
sweeps = int(sys.argv[5]) if len(sys.argv) > 5 else 1500
for s in range(1, sweeps + 1):
    a = [Xt]
    for i in range(4): a.append(sig(a[-1] @ W[i].T + b[i]))
    y = a[-1]
    if s % 250 == 0 or s == 1:
        E = 0.5 * ((y - Yt) ** 2).sum()
        ok = ((np.where(Yt > 0.5, y > 0.8, y < 0.2)).all(axis=1)).sum()
        print(s, round(E, 2), ok)
    d = (y - Yt) * y * (1 - y)
    eps, mu = (0.005, 0.5) if s <= 20 else (0.01, 0.9)
    for i in range(3, -1, -1):
        gW = d.T @ a[i]; gb = d.sum(0)
        if i > 0: dn = (d @ W[i]) * a[i] * (1 - a[i])
        if i == 0: gW *= mask
        vW[i] = mu * vW[i] - eps * gW; vb[i] = mu * vb[i] - eps * gb
        W[i] += vW[i]; b[i] += vb[i]
        W[i] *= (1 - decay)
        if i > 0: d = dn
