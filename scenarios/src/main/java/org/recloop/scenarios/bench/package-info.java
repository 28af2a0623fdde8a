/** Benchmarks behind {@code recloop bench}: standard workloads, medians of repeated runs, CSV output. */
package org.recloop.scenarios.bench;
