/** Online experiments inside one run: an A/B split of the population across recommenders. */
package org.recloop.recommenders.experiment;
