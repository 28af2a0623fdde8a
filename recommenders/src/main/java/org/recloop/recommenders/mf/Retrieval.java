package org.recloop.recommenders.mf;

import org.recloop.core.config.Check;

/**
 * Candidate retrieval for serving factor models over large catalogs (see {@link
 * FactorModel#withCandidates}).
 *
 * @param clusters user clusters (0 = exact serving, the default)
 * @param perCluster candidates kept per cluster
 */
public record Retrieval(Integer clusters, Integer perCluster) {
    public Retrieval {
        clusters = Check.nonNegative("clusters", clusters == null ? 0 : clusters);
        perCluster = Check.positive("perCluster", perCluster == null ? 500 : perCluster);
    }

    public static Retrieval exact() {
        return new Retrieval(null, null);
    }
}
