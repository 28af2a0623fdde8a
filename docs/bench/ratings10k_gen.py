# The synthetic MovieLens-size rating file of docs/PERFORMANCE.md's EASE figures:
# 610 users, 10,000 items (9,697 of them rated), 100,000 distinct (user, item) ratings,
# item popularity proportional to rank^-0.9, user activity lognormal(0, 1).
# Usage: python3 docs/bench/ratings10k_gen.py ratings10k.csv
# (numpy's default_rng(7): the same file on every machine; md5 1253a6155c90dbed2c6a1731c1e3d0ca)
import sys
import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else 'ratings10k.csv'
rng = np.random.default_rng(7)
users, items, n = 610, 10000, 100000
pop = 1.0 / np.arange(1, items + 1) ** 0.9
pop /= pop.sum()
act = rng.lognormal(0, 1, users)
act /= act.sum()
seen = set()
rows = []
t = 0
while len(rows) < n:
    u = rng.choice(users, p=act)
    i = rng.choice(items, p=pop)
    if (u, i) in seen:
        continue
    seen.add((u, i))
    t += 1
    rows.append((u + 1, i + 1, 1 + rng.integers(0, 5), 1000000 + t))
with open(out, 'w') as f:
    f.write('userId,movieId,rating,timestamp\n')
    for r in rows:
        f.write('%d,%d,%d.0,%d\n' % r)
