/**
 * LLM-related user-side code. The only package that imports LangChain4j. For now: text
 * embeddings with LangChain4j's in-process all-MiniLM-L6-v2 model (used offline to derive item
 * features of real catalogs); LLM-driven agents come later.
 */
package org.recloop.agents.llm;
