# Copyright the RecLoop authors. Licensed under the Apache License, Version 2.0.
"""Runs the setup of scenarios/chaney-replication.yaml in T-RECS, as an outside cross-check.

T-RECS (github.com/elucherini/t-recs) is imported, not included: put an exported tree of it on
PYTHONPATH (see docs/REPLICATION.md). T-RECS's models package imports lenskit for ImplicitMF,
which this setup does not run (lenskit is not packaged for Debian); a stub module stands in for
that import so the other models load.

Per seed, one world is drawn (the hierarchical Dirichlet world of Chaney, Stewart and Engelhardt
2018, with the sizes and hyperparameters of the scenario) and every recommender runs on it from
the same seed, so the random startup slates are the same for all of them (common random
numbers, as RecLoop's sweep). Users see the whole catalog minus what they consumed, ranked by the
recommender, and consume the item maximising known utility x rank^-0.8; no re-consumption.

Writes one CSV row per seed, recommender and step (homogenisation = mean Jaccard similarity of
the consumed-item sets over all pairs of users, T-RECS's InteractionSimilarity given all pairs,
computed here with a matrix product; --check-trecs-metric verifies it against T-RECS's class;
Gini of the cumulative consumption counts over all items) and prints the summary table at the
end of startup and at the end: each recommender divided by ideal at the same seed and step, mean
over seeds with a 95% t interval.
"""
import argparse
import csv
import itertools
import sys
import types

import numpy as np
from scipy import stats

# lenskit is only needed by trecs.models.ImplicitMF, which this setup does not use.
_lenskit = types.ModuleType("lenskit")
_lenskit.algorithms = types.ModuleType("lenskit.algorithms")
_lenskit.algorithms.als = types.ModuleType("lenskit.algorithms.als")
sys.modules.setdefault("lenskit", _lenskit)
sys.modules.setdefault("lenskit.algorithms", _lenskit.algorithms)
sys.modules.setdefault("lenskit.algorithms.als", _lenskit.algorithms.als)

from trecs.components import Users  # noqa: E402
from trecs.metrics import InteractionMeasurement, InteractionSimilarity  # noqa: E402
from trecs.models import (  # noqa: E402
    BaseRecommender,
    ContentFiltering,
    PopularityRecommender,
    RandomRecommender,
)

USERS, ITEMS, K = 100, 1000, 20
MU_RHO_PRIOR, MU_RHO_SCALE = 1.0, 10.0
MU_ALPHA_PRIOR, MU_ALPHA_SCALE = 100.0, 0.1
SIGMA, MU_ETA, ETA_SIGMA = 1e-5, 0.98, 1e-5
ATTENTION = 0.8
STARTUP, STEPS = 10, 100
RECOMMENDERS = ["ideal", "popularity", "content", "random"]


def beta_mean_sd(rng, mean, sd):
    """Chaney's Beta'(mean, sd): a Beta with that mean and standard deviation.

    As RecLoop's BetaNoise: the mean is clipped to [1e-9, 1 - 1e-9], and where sd^2 >= mean(1 -
    mean) no Beta has that mean and variance, so the mean itself is kept.
    """
    mean = np.clip(mean, 1e-9, 1 - 1e-9)
    var = sd**2
    exists = var < mean * (1 - mean)
    m = np.where(exists, mean, 0.5)
    a = ((1 - m) / var - 1 / m) * m**2
    b = a * (1 / m - 1)
    return np.where(exists, rng.beta(a, b), mean)


def draw_world(seed):
    rng = np.random.default_rng(seed)
    mu_rho = MU_RHO_SCALE * rng.dirichlet(np.full(K, MU_RHO_PRIOR))
    mu_alpha = MU_ALPHA_SCALE * rng.dirichlet(np.full(K, MU_ALPHA_PRIOR))
    theta = rng.dirichlet(mu_rho, size=USERS)  # U x K
    beta = rng.dirichlet(mu_alpha, size=ITEMS).T  # K x I
    true_utility = beta_mean_sd(rng, theta @ beta, SIGMA)
    known_share = beta_mean_sd(rng, np.full(true_utility.shape, MU_ETA), ETA_SIGMA)
    return theta, beta, true_utility * known_share


class IdealRecommender(ContentFiltering):
    """Ranks by the true mean utility theta . beta, as RecLoop's `ideal`; learns nothing."""

    def train(self):
        BaseRecommender.train(self)


def build(name, theta, beta, known, seed, trecs_similarity):
    users = Users(
        actual_user_profiles=theta,
        actual_user_scores=known,
        attention_exp=-ATTENTION,  # T-RECS multiplies scores by rank^attention_exp
        repeat_interactions=False,
        seed=seed,
    )
    measurements = [InteractionMeasurement()]
    if trecs_similarity:
        # T-RECS's own measurement over all pairs: slow (Python sets), so only for the check
        measurements.append(InteractionSimilarity(list(itertools.combinations(range(USERS), 2))))
    common = dict(
        actual_user_representation=users,
        actual_item_representation=beta,
        num_items_per_iter=ITEMS,
        measurements=measurements,
        seed=seed,
    )
    if name == "ideal":
        return IdealRecommender(user_representation=theta, item_representation=beta, **common)
    if name == "content":
        return ContentFiltering(
            user_representation=np.zeros((USERS, K)), item_representation=beta, **common
        )
    if name == "popularity":
        return PopularityRecommender(num_users=USERS, num_items=ITEMS, **common)
    if name == "random":
        return RandomRecommender(num_users=USERS, num_items=ITEMS, **common)
    raise ValueError(name)


def gini(counts):
    """Same formula as RecLoop's Inequality.gini: sum (2i - N - 1) c_(i) / (N sum c)."""
    c = np.sort(np.asarray(counts, dtype=float))
    n = len(c)
    total = c.sum()
    if total == 0:
        return 0.0
    i = np.arange(1, n + 1)
    return float(((2 * i - n - 1) * c).sum() / (n * total))


def all_pairs_jaccard(consumed):
    """Mean Jaccard similarity of the consumed-item sets over all pairs of users.

    The definition of T-RECS's InteractionSimilarity given every pair, and of RecLoop's
    homogenization; computed with a matrix product instead of Python sets.
    """
    x = np.zeros((USERS, ITEMS))
    np.put_along_axis(x, consumed, 1.0, axis=1)
    inter = x @ x.T
    sizes = x.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - inter
    upper = np.triu_indices(USERS, k=1)
    return float((inter[upper] / union[upper]).mean())


def simulate(name, seed, trecs_similarity=False):
    theta, beta, known = draw_world(seed)
    model = build(name, theta, beta, known, seed, trecs_similarity)
    homog = []
    for step in range(STEPS):
        # the slate is every item the user has not consumed yet, as in RecLoop
        model.set_num_items_per_iter(ITEMS - step)
        startup = step < STARTUP
        model.run(1, startup=startup, train_between_steps=not startup,
                  repeated_items=False, disable_tqdm=True)
        if step == STARTUP - 1:
            model.train()  # the fit at the switch from random startup to the recommender
        homog.append(all_pairs_jaccard(model.users.user_interactions))
    m = model.get_measurements()
    if trecs_similarity:
        theirs = np.array(m["interaction_similarity"][1:], dtype=float)
        if not np.allclose(theirs, homog, rtol=1e-9, atol=1e-12):
            raise AssertionError(f"{name} seed {seed}: T-RECS InteractionSimilarity differs")
        print(f"seed {seed} {name}: all-pairs Jaccard equals T-RECS InteractionSimilarity",
              file=sys.stderr)
    cumulative = np.cumsum(np.array(m["interaction_histogram"][1:]), axis=0)
    return [(step + 1, homog[step], gini(cumulative[step])) for step in range(STEPS)]


def interval(values):
    v = np.asarray(values, dtype=float)
    mean = v.mean()
    if len(v) < 2:
        return mean, float("nan")
    half = stats.t.ppf(0.975, len(v) - 1) * v.std(ddof=1) / np.sqrt(len(v))
    return mean, half


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--out", default="trecs-chaney.csv")
    parser.add_argument("--check-trecs-metric", action="store_true",
                        help="on the first seed, also measure with T-RECS's InteractionSimilarity"
                        " (slow) and stop if it differs from the all-pairs Jaccard used here")
    args = parser.parse_args()
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    rows = {}
    with open(args.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["seed", "recommender", "step", "homogenization", "gini_consumption"])
        for seed in seeds:
            for name in RECOMMENDERS:
                check = args.check_trecs_metric and seed == args.first_seed
                for step, h, g in simulate(name, seed, check):
                    w.writerow([seed, name, step, f"{h:.6f}", f"{g:.6f}"])
                    rows[(seed, name, step)] = (h, g)
                print(f"seed {seed} {name} done", file=sys.stderr)
    print("recommender,step,homogenization,homog_rel_ideal (mean ± 95% t),"
          "homog_minus_ideal,gini_consumption")
    for step in (STARTUP, STEPS):
        for name in RECOMMENDERS:
            h = [rows[(s, name, step)][0] for s in seeds]
            rel = [rows[(s, name, step)][0] / rows[(s, "ideal", step)][0] for s in seeds]
            diff = [rows[(s, name, step)][0] - rows[(s, "ideal", step)][0] for s in seeds]
            g = [rows[(s, name, step)][1] for s in seeds]
            cells = [interval(x) for x in (h, rel, diff, g)]
            print(f"{name},{step}," + ",".join(f"{m:.4f} ± {e:.4f}" for m, e in cells))


if __name__ == "__main__":
    main()
