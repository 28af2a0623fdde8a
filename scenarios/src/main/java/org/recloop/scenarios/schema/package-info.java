/** Scenario files: the YAML schema as records, loading and validation with precise errors. */
package org.recloop.scenarios.schema;
