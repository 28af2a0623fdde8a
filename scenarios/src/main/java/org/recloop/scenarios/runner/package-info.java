/** Runs a validated scenario: builds the world, opens the run folder and its database, steps the model. */
package org.recloop.scenarios.runner;
