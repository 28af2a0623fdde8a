/** Experimental design: parameter sweeps over seeds, paired by common random numbers, and their aggregation. */
package org.recloop.scenarios.study;
