/** Non-personalised baselines: random slates and most-popular. */
package org.recloop.recommenders.baseline;
