/**
 * Recommenders that ask a language model: {@code llm-rerank} re-ranks the candidates of any
 * registered recommender by a prompt, through the kernel's language-model service ({@link
 * org.recloop.core.lm.LanguageModels}, granted as a capability), so it shares the response cache,
 * token budget, retries and call logging of LLM user agents. Nothing here imports LangChain4j.
 */
package org.recloop.recommenders.llm;
