package org.recloop.analysis.sensitivity;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/** Mean and 95% Student-t interval over perturbations (perturbations are i.i.d. draws). */
final class Intervals {

    private Intervals() {}

    static <T> RankListSensitivity.Interval of(List<T> rows, ToDoubleFunction<T> value) {
        SummaryStatistics s = new SummaryStatistics();
        for (T r : rows) {
            s.addValue(value.applyAsDouble(r));
        }
        long n = s.getN();
        if (n == 0) {
            return new RankListSensitivity.Interval(Double.NaN, Double.NaN, Double.NaN);
        }
        if (n < 2) {
            return new RankListSensitivity.Interval(s.getMean(), Double.NaN, Double.NaN);
        }
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975)
                * s.getStandardDeviation() / Math.sqrt(n);
        return new RankListSensitivity.Interval(s.getMean(), s.getMean() - half, s.getMean() + half);
    }
}
