/**
 * Reacting: the {@link org.recloop.core.react.UserModel} SPI and the primitive event buffer user
 * models write to.
 */
package org.recloop.core.react;
