/** User behaviour: rule-based choice models (package {@code rule}); later LLM agents and attackers. */
package org.recloop.agents;
