# EASE fit with numpy + LAPACK (float64): the reference for recloop's EASE fit time
# Usage: OPENBLAS_NUM_THREADS=1 python3 docs/bench/ease_numpy.py ratings10k.csv  (lambda 250, as EASE's default)
import sys, time, numpy as np
d = np.loadtxt(sys.argv[1], delimiter=',', skiprows=1, usecols=(0, 1))
_, u = np.unique(d[:, 0], return_inverse=True); _, i = np.unique(d[:, 1], return_inverse=True)
X = np.zeros((u.max() + 1, i.max() + 1)); X[u, i] = 1.0
t0 = time.perf_counter()
G = X.T @ X; G[np.diag_indices_from(G)] += 250.0
t1 = time.perf_counter()
P = np.linalg.inv(G)
t2 = time.perf_counter()
B = P / (-np.diag(P)); B[np.diag_indices_from(B)] = 0
t3 = time.perf_counter()
print("items %d gram %.2f s inverse %.2f s fit %.2f s" % (G.shape[0], t1 - t0, t2 - t1, t3 - t0))
