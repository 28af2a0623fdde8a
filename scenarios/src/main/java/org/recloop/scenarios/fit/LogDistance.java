package org.recloop.scenarios.fit;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.recloop.core.serve.Interactions;

/**
 * How far a simulated log is from the real file, on the statistics the fit matches: the
 * two-sample Kolmogorov–Smirnov statistic (largest gap between the empirical distribution
 * functions) of activity (interactions per user) and popularity (interactions per item), and
 * the density (interactions / (users × items)).
 *
 * <p>Both logs are counted over all users and items of the real file, so a simulated user or
 * item with no click counts as a zero (the real file has none): a world that leaves part of the
 * catalog unseen pays for it in the popularity distance.
 *
 * @param activityKs KS statistic of interactions per user
 * @param popularityKs KS statistic of interactions per item
 * @param realDensity density of the real file
 * @param simulatedDensity density of the simulated log
 */
record LogDistance(double activityKs, double popularityKs, double realDensity, double simulatedDensity) {

    /**
     * What the search minimises: the two KS statistics plus |ln(simulated / real density)|, so a
     * log with the right shapes but twice the interactions is as far off as one with a KS of 0.69.
     */
    double objective() {
        double d = simulatedDensity <= 0 ? 10 : Math.abs(Math.log(simulatedDensity / realDensity));
        return activityKs + popularityKs + d;
    }

    static LogDistance between(Interactions real, Interactions simulated) {
        int users = real.numUsers();
        int items = real.numItems();
        double cells = (double) users * items;
        return new LogDistance(ks(perUser(real, users), perUser(simulated, users)),
                ks(perItem(real, items), perItem(simulated, items)), real.size() / cells, simulated.size() / cells);
    }

    static double[] perUser(Interactions log, int users) {
        double[] c = new double[users];
        for (int u : log.users()) {
            c[u]++;
        }
        return c;
    }

    static double[] perItem(Interactions log, int items) {
        double[] c = new double[items];
        for (int i : log.items()) {
            c[i]++;
        }
        return c;
    }

    private static double ks(double[] a, double[] b) {
        return new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(a, b);
    }
}
