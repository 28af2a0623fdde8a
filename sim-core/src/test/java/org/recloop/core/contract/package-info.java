/**
 * Contract tests shared with every module through sim-core's test jar (as LangChain4j shares its
 * model contract tests): a module extends the abstract class of a component kind and lists its
 * components (usually by walking the registry), so every component, including one added later,
 * is checked against the SPI's Javadoc with no edit here.
 */
package org.recloop.core.contract;
