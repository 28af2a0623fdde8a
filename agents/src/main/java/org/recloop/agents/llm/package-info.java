/**
 * LLM-driven users and text embeddings; the only package that imports LangChain4j.
 * {@link org.recloop.agents.llm.LlmUserModel} puts RecAgent-style agents (profile, memory with
 * embedding retrieval, reflection; posts, chat with followees and free-text search over
 * {@code ItemTextIndex}) into a hybrid population behind the same UserModel SPI as
 * rule-based users, through LangChain4j's OpenAI-compatible or Ollama clients, with retries,
 * fallback to the rule model, a response cache for replay and a token budget.
 * {@link org.recloop.agents.llm.CatalogFeatureBuilder} derives real catalogs' features offline.
 */
package org.recloop.agents.llm;
