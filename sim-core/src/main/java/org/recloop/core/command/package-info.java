/**
 * Feed commands: a user's stated preference about their own feed ("less true crime", "nothing
 * from this author", "more from people I follow") as a structured {@link
 * org.recloop.core.command.FeedConstraint}, the kernel's per-user {@link
 * org.recloop.core.command.FeedCommandStore} of them, and the per-tick {@link
 * org.recloop.core.command.FeedConstraints} view that serving reads.
 *
 * <p>Parsing text into constraints is not the kernel's business: user models (the agents module)
 * parse with rules or a language model and hand the kernel parsed {@link
 * org.recloop.core.command.FeedCommand}s through {@link
 * org.recloop.core.react.UserModel#drainFeedCommands}. The kernel stores them, logs them (the
 * feed_commands table) and applies them from the next tick's Serve phase: exclusions in {@link
 * org.recloop.core.serve.SlateRanker#excluded}, boosts in {@link
 * org.recloop.core.serve.FeedBoost}, so every recommender honours them the same way.
 */
package org.recloop.core.command;
