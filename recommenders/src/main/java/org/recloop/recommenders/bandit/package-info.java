/**
 * Slate bandits that learn online from {@link org.recloop.core.serve.Recommender#observe}: every
 * item shown in a slate is a pull with reward 1 if the user clicked it in that tick, else 0.
 * Epsilon-greedy over per-item click-through rates, and LinUCB and linear Thompson sampling over
 * one shared ridge-regression model of user-item feature contexts.
 */
package org.recloop.recommenders.bandit;
