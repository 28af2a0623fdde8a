/** The registry that maps a scenario's {@code type:} names to components and their parameters. */
package org.recloop.scenarios.registry;
