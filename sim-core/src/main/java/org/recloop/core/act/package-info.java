/** Interventions SPI: actions a scenario schedules at given ticks. */
package org.recloop.core.act;
