/** Linear item-item models: EASE^R, the closed-form shallow autoencoder (Steck 2019). */
package org.recloop.recommenders.linear;
