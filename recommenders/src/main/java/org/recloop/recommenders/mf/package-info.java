/** Matrix factorisation: implicit-feedback ALS (Hu, Koren and Volinsky 2008). */
package org.recloop.recommenders.mf;
