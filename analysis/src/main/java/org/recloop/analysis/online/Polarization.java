package org.recloop.analysis.online;

import java.util.List;
import java.util.Map;
import org.recloop.core.metric.Metric;
import org.recloop.core.metric.TickView;
import org.recloop.core.world.Population;

/**
 * Polarisation of an opinion-like preference coordinate across the users still on the platform
 * (status {@link Population#ACTIVE}, i.e. not churned). Scenarios that model opinions put the
 * opinion axis in preference coordinate 0, so {@code x_u = p_u[0]}; for other scenarios the
 * values describe the first latent taste dimension only.
 * <ul>
 *   <li>{@code opinion_variance}: population variance {@code m2 = (1/n) Σ_u (x_u − x̄)²}, the
 *       polarisation measure of Dandekar, Goel and Lee, "Biased assimilation, homophily, and the
 *       dynamics of polarization", PNAS 2013. NaN when no user is active.</li>
 *   <li>{@code bimodality}: Sarle's bimodality coefficient
 *       {@code b = (G1² + 1) / (G2 + 3(n−1)² / ((n−2)(n−3)))} with the bias-corrected sample
 *       skewness {@code G1 = g1 √(n(n−1)) / (n−2)}, {@code g1 = m3 / m2^{3/2}}, and sample excess
 *       kurtosis {@code G2 = ((n+1) g2 + 6)(n−1) / ((n−2)(n−3))}, {@code g2 = m4 / m2² − 3}, where
 *       {@code m_k = (1/n) Σ (x_u − x̄)^k} (SAS Institute, SAS/STAT User's Guide, 1990; Pfister,
 *       Schwarz, Janczyk, Dale and Freeman, "Good things peak in pairs: a note on the bimodality
 *       coefficient", Frontiers in Psychology 2013). For large n it tends to
 *       {@code (γ² + 1)/(κ + 3)}: 1/3 for a normal, 5/9 for a uniform, 1 for two equal point
 *       masses; b &gt; 5/9 suggests a bimodal (polarised) opinion distribution. NaN when fewer
 *       than four users are active or all active users hold the same opinion.</li>
 * </ul>
 * Cost O(|U|).
 */
public final class Polarization implements Metric {
    public static final String VARIANCE = "opinion_variance";
    public static final String BIMODALITY = "bimodality";

    @Override
    public List<String> names() {
        return List.of(VARIANCE, BIMODALITY);
    }

    @Override
    public void observe(TickView view, Map<String, Double> out) {
        Population pop = view.world().population();
        int dim = pop.dim();
        float[] pref = pop.preferences();
        int users = pop.size();
        int n = 0;
        double sum = 0;
        for (int u = 0; u < users; u++) {
            if (pop.status(u) == Population.ACTIVE) {
                sum += pref[u * dim];
                n++;
            }
        }
        if (n == 0) {
            out.put(VARIANCE, Double.NaN);
            out.put(BIMODALITY, Double.NaN);
            return;
        }
        double mean = sum / n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (int u = 0; u < users; u++) {
            if (pop.status(u) == Population.ACTIVE) {
                double d = pref[u * dim] - mean;
                double d2 = d * d;
                m2 += d2;
                m3 += d2 * d;
                m4 += d2 * d2;
            }
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        out.put(VARIANCE, m2);
        out.put(BIMODALITY, bimodality(n, m2, m3, m4));
    }

    /** Sarle's coefficient from the central moments m2, m3, m4 of n values; NaN if n < 4 or m2 = 0. */
    static double bimodality(int n, double m2, double m3, double m4) {
        if (n < 4 || !(m2 > 0)) {
            return Double.NaN;
        }
        double g1 = m3 / Math.pow(m2, 1.5);
        double g2 = m4 / (m2 * m2) - 3;
        double nn = n;
        double skew = g1 * Math.sqrt(nn * (nn - 1)) / (nn - 2);
        double kurt = ((nn + 1) * g2 + 6) * (nn - 1) / ((nn - 2) * (nn - 3));
        return (skew * skew + 1) / (kurt + 3 * (nn - 1) * (nn - 1) / ((nn - 2) * (nn - 3)));
    }
}
