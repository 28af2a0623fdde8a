/**
 * Rule-based user models: utility from ground-truth latent factors, discrete choice over the
 * slate, and the state changes (preference drift) that make feedback loops.
 */
package org.recloop.agents.rule;
