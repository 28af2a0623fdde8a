package org.recloop.core.sim;

import java.util.List;
import org.recloop.core.command.FeedCommand;
import org.recloop.core.log.AgentText;
import org.recloop.core.log.ConversationTurn;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.serve.SlateBatch;

/**
 * What Arrive, Serve and React of one tick produced for a range of users (all of them, or one
 * partition): the users who arrived (ascending), their slates, the events in slate order, the true
 * click probabilities when the serving policy records them (else null), and the rows the user model
 * drained during React. The engine that made it has already left the users' state as React leaves
 * it; the kernel goes on with the model's {@code afterTick} and the platform's effects.
 */
public record UsersTick(int[] active, SlateBatch slates, EventBuffer events, float[] clickProbabilities,
        List<ModelCall> modelCalls, List<ConversationTurn> conversations, List<FeedCommand> feedCommands,
        List<AgentText> texts) {}
