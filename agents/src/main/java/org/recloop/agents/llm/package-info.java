/**
 * LLM-driven users and the language-model service; the only package that imports LangChain4j.
 * {@link org.recloop.agents.llm.LangChainLanguageModels} implements the kernel's
 * {@link org.recloop.core.lm.LanguageModels} (chat models through LangChain4j's OpenAI-compatible
 * or Ollama clients with retries, a response cache for replay, a token budget, key redaction and
 * one llm_calls row per attempt; the in-process all-MiniLM-L6-v2 embedder); the composition root
 * grants it to every component of a run. {@link org.recloop.agents.llm.LlmUserModel} puts
 * RecAgent-style agents (profile, memory with embedding retrieval, reflection; posts, chat with
 * followees and free-text search over {@code ItemTextIndex}) into a hybrid population behind the
 * same UserModel SPI as rule-based users, with fallback to the rule model.
 * {@link org.recloop.agents.llm.CatalogFeatureBuilder} derives real catalogs' features offline.
 */
package org.recloop.agents.llm;
