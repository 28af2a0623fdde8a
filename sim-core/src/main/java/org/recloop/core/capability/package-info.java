/**
 * Capabilities: what the kernel grants a component on request instead of the component reaching
 * for it (or the composition root guessing with {@code instanceof}). A component receives a
 * {@link org.recloop.core.capability.Capabilities} when it is created and asks it, when it needs
 * one, for {@link org.recloop.core.capability.GroundTruth} (oracles only) or for the run's
 * {@link org.recloop.core.lm.LanguageModels}, or posts to the run's {@link
 * org.recloop.core.capability.DetectionBoard} and reads the platform's follow graph through a {@link
 * org.recloop.core.capability.SocialGraphView} (defences). The composition root hands the same run-scoped
 * {@link org.recloop.core.capability.RunCapabilities} to every component at every depth of nesting
 * (A/B arms, re-rankers' bases, recommenders an intervention switches to).
 */
package org.recloop.core.capability;
