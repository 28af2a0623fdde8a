/**
 * Composition root: the scenario schema ({@code schema}), the registry of named components
 * ({@code registry}), the runner ({@code runner}) and the command line ({@code cli}). The only
 * module that knows all the others.
 */
package org.recloop.scenarios;
