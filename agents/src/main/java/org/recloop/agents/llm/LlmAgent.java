package org.recloop.agents.llm;

/**
 * One LLM agent's state across ticks: its profile (written at its first decision), memory and
 * session counters. Touched only by the agent's own step, so steps of different agents may run on
 * different threads without locks.
 */
final class LlmAgent {
    final int user;
    final AgentMemory memory;
    String profile;
    int sessions;
    float satisfaction;

    LlmAgent(int user, AgentMemory memory) {
        this.user = user;
        this.memory = memory;
    }
}
