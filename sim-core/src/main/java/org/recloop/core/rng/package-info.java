/** Deterministic random streams keyed by (run seed, purpose, user, tick). */
package org.recloop.core.rng;
