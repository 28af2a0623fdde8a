/**
 * Dataset export: a run's log as training data in the formats people load (MovieLens-style CSV,
 * RecBole atomic files, per-user sequences, Parquet), with exposures, ground truth, splits and
 * a dataset card. Everything is read through {@link org.recloop.core.log.LogReader}, so only
 * committed ticks appear and forgotten rows never do; rows stream tick by tick from the reader to
 * the files.
 */
package org.recloop.analysis.export;
