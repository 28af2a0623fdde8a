/**
 * Machine unlearning beyond the exact refit: sharded training whose unlearning retrains only the
 * sub-models that saw the forgotten data (SISA, Bourtoule et al. 2021; RecEraser, Chen et al.
 * 2022). Reverse fine-tuning of the factor models lives with them in {@code mf}.
 */
package org.recloop.recommenders.unlearn;
