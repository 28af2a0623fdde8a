/**
 * Talking to outside servers (remote recommenders, LLM endpoints) without trusting them: {@link
 * org.recloop.core.net.BoundedExchange} bounds one HTTP exchange by a deadline (connection,
 * headers and body together) and its answer by a size limit.
 */
package org.recloop.core.net;
