package org.recloop.core.capability;

import java.util.List;

/**
 * Optional capability of a user model whose agents remember (an LLM agent's observations and
 * reflections): the memory of one user, as text, for people looking at a run (the GUI's user
 * inspector). Rule-driven users have no memory: their list is empty. A model that implements this
 * is asked with {@code instanceof}, like {@link org.recloop.core.react.ModelCallStats}; a model
 * that does not has no memory to show.
 *
 * <p>Read-only: asking never changes the agent, its memory (no retrieval, no embedding) or any
 * draw, so a watched run logs what an unwatched one does.
 *
 * <p>Threading: the memory is changed by the agents' steps while the model reacts; ask between
 * ticks, on the simulation thread or holding the lock the simulation is stepped under (MASON's
 * {@code schedule}, as its inspectors do).
 */
public interface AgentMemories {

    /**
     * The memory entries of {@code user}, oldest first, one line each (e.g. {@code "tick 4
     * (importance 0.60): clicked item 17 ..."}); empty when the user is not an agent of this
     * model, is rule-driven, or has not remembered anything yet.
     */
    List<String> memory(int user);
}
