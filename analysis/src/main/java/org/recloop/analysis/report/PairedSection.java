package org.recloop.analysis.report;

import java.util.List;

/** The paired-differences table of {@code index.html} (see {@link PairedComparison}). */
final class PairedSection {

    private PairedSection() {}

    static void append(StringBuilder h, List<PairedComparison.Row> rows, String baseline, int fromTick) {
        h.append("<h2 id=\"paired\">Paired differences against ").append(ReportWriter.esc(baseline)).append("</h2>\n")
                .append("<p class=\"note\">Each arm minus the baseline arm, seed by seed (runs with the same seed share ")
                .append("their random draws): mean difference and 95% Student t interval of the paired differences, at ")
                .append("the final tick and as the mean over ticks &ge; ").append(fromTick)
                .append(". <strong>Bold</strong>: the interval excludes zero. d<sub>z</sub>: mean difference over the ")
                .append("standard deviation of the differences (paired effect size); p: two-sided paired t test, ")
                .append("Holm-adjusted over all rows of the column (every metric and arm). Also in <code>paired.csv</code>.</p>\n");
        h.append("<div class=\"scroll\"><table>\n<thead><tr><th>arm</th><th>metric</th><th class=\"num\">n</th>")
                .append("<th class=\"num\">final tick</th><th class=\"num\">d<sub>z</sub></th><th class=\"num\">p (Holm)</th>")
                .append("<th class=\"num\">mean over ticks &ge; ").append(fromTick)
                .append("</th><th class=\"num\">d<sub>z</sub></th><th class=\"num\">p (Holm)</th>")
                .append("<th>unpaired seeds</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i + 1 < rows.size(); i += 2) {
            PairedComparison.Row last = rows.get(i);
            PairedComparison.Row mean = rows.get(i + 1);
            h.append("<tr><td>").append(ReportWriter.esc(last.arm())).append("</td><td>")
                    .append(ReportWriter.esc(last.metric())).append("</td><td class=\"num\">").append(last.n())
                    .append("</td><td class=\"num\">").append(cell(last)).append(stats(last))
                    .append("<td class=\"num\">").append(cell(mean)).append(stats(mean)).append("<td>")
                    .append(ReportWriter.esc(String.join(" ", last.unpaired()))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    /** The closing of a difference cell, then the d_z and Holm-adjusted p cells. */
    private static String stats(PairedComparison.Row r) {
        return "</td><td class=\"num\">" + number(r.dz(), "%.2f") + "</td><td class=\"num\">"
                + number(r.pHolm(), "%.3g") + "</td>";
    }

    private static String number(double v, String format) {
        return Double.isNaN(v) ? "" : String.format(java.util.Locale.ROOT, format, v);
    }

    private static String cell(PairedComparison.Row r) {
        String text = ReportWriter.esc(PairedComparison.describe(r));
        return r.excludesZero() ? "<strong>" + text + "</strong>" : text;
    }
}
