/**
 * Checkpoints of a run at tick boundaries: what {@code recloop resume} and {@code recloop fork}
 * check a continued run against. A checkpoint is a manifest (scenario hash, seed, code version
 * and commit, tick) with a digest of the state at the boundary; the state itself is rebuilt by
 * a deterministic replay ({@link org.recloop.core.log.ReplayingLog}), so no component has to be
 * serializable.
 */
package org.recloop.core.checkpoint;
