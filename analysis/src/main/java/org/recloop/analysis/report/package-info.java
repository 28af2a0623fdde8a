/**
 * Reports over finished runs: {@code recloop report}.
 *
 * <p>{@link org.recloop.analysis.report.RunData} reads one run folder ({@code resolved.json},
 * {@code metrics.csv}, {@code scenario.yaml}). Runs are grouped into arms: the {@code arm} label
 * a sweep writes into {@code resolved.json}, else {@code "<scenario name> / <recommender type>"}.
 * {@link org.recloop.analysis.report.ArmSummary} computes, per arm, metric and tick, the number
 * of runs with a value, their mean and a two-sided 95% Student-t confidence interval of the mean
 * (n - 1 degrees of freedom; no interval for a single run). Runs of different lengths are
 * aligned on the tick: each tick uses the runs that have a value there.
 * {@link org.recloop.analysis.report.ReportWriter} writes a self-contained {@code index.html}
 * (inline CSS, charts as base64 PNG data URIs, no external resources), one PNG chart and one CSV
 * per metric, and {@code summary.csv} with the final-tick figures.
 */
package org.recloop.analysis.report;
