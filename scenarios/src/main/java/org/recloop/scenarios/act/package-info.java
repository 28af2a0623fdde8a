/** Interventions that need the registry (they create components), hence live in the composition root. */
package org.recloop.scenarios.act;
