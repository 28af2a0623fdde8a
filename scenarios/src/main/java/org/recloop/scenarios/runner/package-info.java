/**
 * Runs a validated scenario: builds the world, opens the run folder and its database, steps the model.
 *
 * <p>Settings come in layers, each overriding the one before: the kernel's defaults
 * ({@code SimConfig.DEFAULTS}, each written once) &lt; a component's own defaults (its
 * {@code Params} record, for the component's parameters) &lt; the scenario file &lt; the command line
 * ({@code --seed}, {@code --threads}). The last layer is applied in one place, {@code
 * RunSettings}; the run folder's {@code resolved.json} lists the result,
 * every default included.
 */
package org.recloop.scenarios.runner;
