package org.recloop.scenarios.bench;

/**
 * One benchmark figure, a row of bench.csv.
 *
 * @param workload workload name
 * @param figure what was measured
 * @param value the median over repeats
 * @param unit its unit
 */
public record Figure(String workload, String figure, double value, String unit) {}
