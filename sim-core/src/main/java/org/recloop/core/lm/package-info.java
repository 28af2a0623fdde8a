/**
 * Language models as a kernel service: {@link org.recloop.core.lm.LanguageModel} (chat
 * completion with the response cache, token budget, retries, redaction and call logging behind
 * it) and {@link org.recloop.core.lm.TextEmbedder}, both obtained from the run's {@link
 * org.recloop.core.lm.LanguageModels}, which the composition root builds once per run and grants
 * as a capability ({@link org.recloop.core.capability.Capabilities}). Any module's component (an
 * LLM user model, an LLM recommender, a text-aware neural model) can use them without depending on
 * the implementation, which lives in the agents' LLM package; no LangChain4j type appears here.
 */
package org.recloop.core.lm;
