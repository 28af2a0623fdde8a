/**
 * Conversational sessions: a user (templated rules, or a chat model) talks to the platform's
 * conversational recommender agent (a chat model with tools: the scenario's recommender, catalog
 * search, item details) for up to a number of turns, and accepts an item or not. The user model
 * {@code conversational} wraps any slate-answering model; its conversations replace the slate of
 * the sessions they happen in, are logged message by message (the conversations table) and end in
 * the usual slate and click events, so every metric works.
 */
package org.recloop.agents.conversation;
