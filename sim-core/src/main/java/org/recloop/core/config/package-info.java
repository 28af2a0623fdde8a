/** Shared helpers for component parameters: validation with field names. */
package org.recloop.core.config;
