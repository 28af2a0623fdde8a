/**
 * Users' feed commands: when rule users say one ({@link org.recloop.agents.command.CommandRule}),
 * how their text becomes a constraint (the {@link org.recloop.agents.command.RulesCommandParser}
 * for the templates, the {@link org.recloop.agents.command.LlmCommandParser} for free text), and
 * the {@code feed-commands} user model that adds both to any other user model.
 */
package org.recloop.agents.command;
