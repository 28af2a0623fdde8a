package org.recloop.agents.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.recloop.agents.llm.FeedCommandSpeaker;
import org.recloop.agents.llm.LlmParams;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.command.FeedCommand;
import org.recloop.core.command.FeedConstraint;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.lm.ChatModelSpec;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.lm.LanguageModels;
import org.recloop.core.lm.ModelCallJournal;
import org.recloop.core.log.ModelCall;
import org.recloop.core.react.EventBuffer;
import org.recloop.core.react.ReactContext;
import org.recloop.core.react.UserModel;
import org.recloop.core.react.WrappingUserModel;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.SlateBatch;
import org.recloop.core.world.World;

/**
 * {@code feed-commands}: any user model (the {@code users} spec answers the slates, unchanged)
 * whose users also say feed commands by the {@link CommandRule}, read by the {@link
 * RulesCommandParser} or, with {@code parser: llm}, by the {@link LlmCommandParser} (rules as its
 * fallback). The kernel gets the parsed commands through {@link #drainFeedCommands} and honours
 * them from the next tick.
 *
 * <p>When the wrapped model's agents speak for themselves (an LLM user model with {@code
 * feedCommands: true}, a {@link FeedCommandSpeaker}), their texts go through the same parser after
 * the rule's, in user order: the LLM parser when configured, else the rules (which read only the
 * templates; other texts are logged {@code invalid}). The rule then says nothing for those users.
 *
 * <p>The wrapped model's capabilities (true click probabilities, LLM call statistics, closing)
 * are passed through. The parser's llm_calls rows (component {@code command_parser}) go to the
 * run's {@link ModelCallJournal}.
 */
public final class FeedCommandUserModel extends WrappingUserModel {

    /**
     * @param users the user model that answers the slates (a component spec; any type)
     * @param skips unclicked items of one topic on a slate that make a user say "less of topic T"; 0 = never
     * @param probability chance a user so annoyed says it
     * @param followProbability chance per session that a user who follows somebody says "more from
     *     people I follow" (when not saying the former)
     * @param duration ticks a command lasts unless its text says; 0 = for the rest of the run
     * @param quiet ticks a user says nothing after a command
     * @param parser {@code rules} (the templates) or {@code llm} (a chat model; rules as fallback)
     * @param model the chat model of {@code parser: llm}
     * @param cache its response cache (relative to the scenario's folder), as for LLM users
     * @param budget its token budget; once used up every command goes to the rules parser
     */
    public record Params(JsonNode users, Integer skips, Double probability, Double followProbability,
            Integer duration, Integer quiet, String parser, org.recloop.core.lm.ChatProvider model, org.recloop.core.lm.ResponseCacheParams cache,
            LlmParams.Budget budget) {
        public Params {
            if (users == null || users.isNull()) {
                throw new InvalidParameterException("users", "is required: the user model that answers the slates,"
                        + " e.g. {type: mnl}");
            }
            skips = Check.nonNegative("skips", skips == null ? 3 : skips);
            probability = Check.unit("probability", probability == null ? 0.2 : probability);
            followProbability = Check.unit("followProbability", followProbability == null ? 0.0 : followProbability);
            duration = Check.nonNegative("duration", duration == null ? 20 : duration);
            quiet = Check.nonNegative("quiet", quiet == null ? 10 : quiet);
            parser = parser == null ? FeedCommand.RULES : parser;
            if (!parser.equals(FeedCommand.RULES) && !parser.equals(FeedCommand.LLM)) {
                throw new InvalidParameterException("parser", "must be 'rules' or 'llm', was '" + parser + "'");
            }
            model = model == null ? org.recloop.core.lm.ChatProvider.defaults() : model;
            cache = cache == null ? new org.recloop.core.lm.ResponseCacheParams(null, null) : cache;
            budget = budget == null ? new LlmParams.Budget(null) : budget;
        }

        /** The parser's chat model, with the cache resolved by the scenario; empty for {@code parser: rules}. */
        public Optional<ChatModelSpec> spec(java.util.function.Function<String, java.nio.file.Path> files) {
            if (!parser.equals(FeedCommand.LLM)) {
                return Optional.empty();
            }
            Optional<java.nio.file.Path> path = cache.path() == null ? Optional.empty()
                    : Optional.of(files.apply(cache.path()));
            return Optional.of(model.spec(files, "model", path, cache.mode().equals("replay"), budget.maxTokens()));
        }
    }

    private final CommandRule rule;
    private final int duration;
    private final Optional<ChatModelSpec> spec;
    private final Capabilities capabilities;
    private final List<FeedCommand> pending = new ArrayList<>();
    private final List<ModelCall> calls = new ArrayList<>();
    private LanguageModel lm;

    public FeedCommandUserModel(Params p, UserModel inner, Optional<ChatModelSpec> spec, Capabilities capabilities) {
        super(inner);
        this.rule = new CommandRule(p.skips(), p.probability(), p.followProbability(), p.quiet());
        this.duration = p.duration();
        this.spec = Objects.requireNonNull(spec, "spec");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        if (inner instanceof FeedCommandSpeaker s && s.saysFeedCommands()) {
            s.acceptReader();
        }
    }

    @Override
    public void init(World world, RandomStreams streams) {
        inner.init(world, streams);
        if (spec.isPresent()) {
            lm = capabilities.capability(LanguageModels.class).orElseThrow(() -> new IllegalStateException(
                    "feed-commands with parser: llm needs the run's language models (capability LanguageModels; "
                            + capabilities + ")")).chat(spec.get());
        }
    }

    @Override
    public CompletionStage<Void> react(ReactContext ctx, SlateBatch slates, int from, int to, EventBuffer out) {
        return inner.react(ctx, slates, from, to, out);
    }

    @Override
    public void afterTick(ReactContext ctx, SlateBatch slates, EventBuffer events) {
        inner.afterTick(ctx, slates, events);
        List<CommandRule.Said> said = said(ctx, slates, events);
        if (said.isEmpty()) {
            return;
        }
        RulesCommandParser.CatalogTerms terms = RulesCommandParser.CatalogTerms.of(ctx.world().catalog());
        RulesCommandParser rules = new RulesCommandParser(terms, duration);
        ModelCallJournal journal = capabilities.capability(ModelCallJournal.class).orElse(null);
        for (CommandRule.Said s : said) {
            if (lm == null) {
                Optional<FeedConstraint> c = rules.parse(s.text(), ctx.tick());
                pending.add(new FeedCommand(ctx.tick(), s.user(), s.text(), FeedCommand.RULES,
                        c.isPresent() ? FeedCommand.OK : FeedCommand.INVALID, c));
                continue;
            }
            LlmCommandParser.Result r = new LlmCommandParser(lm, rules, duration).parse(ctx.tick(), s.user(),
                    s.text(), terms);
            pending.add(r.command());
            if (journal != null) {
                journal.record(r.rows());
            } else {
                calls.addAll(r.rows());
            }
        }
    }

    /** What the rule's users said, then (merged by user) what the wrapped model's agents said. */
    private List<CommandRule.Said> said(ReactContext ctx, SlateBatch slates, EventBuffer events) {
        if (!(inner instanceof FeedCommandSpeaker s && s.saysFeedCommands())) {
            return rule.say(ctx.world(), ctx.streams(), ctx.tick(), slates, events, u -> false);
        }
        List<CommandRule.Said> all = new ArrayList<>(rule.say(ctx.world(), ctx.streams(), ctx.tick(), slates, events,
                s::speaksForItself));
        List<FeedCommandSpeaker.Said> own = s.drainSaidCommands();
        if (own.isEmpty()) {
            return all;
        }
        for (FeedCommandSpeaker.Said o : own) {
            all.add(new CommandRule.Said(o.user(), o.text()));
        }
        all.sort(java.util.Comparator.comparingInt(CommandRule.Said::user)); // stable; users are disjoint
        return all;
    }

    /**
     * With the rules parser, the wrapped model's rows: this wrapper changes per-user state (the
     * users' quiet ticks) only in afterTick, which every copy of the run repeats. With {@code
     * parser: llm} false: every copy would ask the chat model again in afterTick for the commands
     * the kernel already parsed (once per executor, with its own cache and budget), so an engine
     * that runs the users elsewhere refuses it.
     */
    @Override
    public boolean movesUserState() {
        return spec.isEmpty() && super.movesUserState();
    }

    @Override
    public List<FeedCommand> drainFeedCommands() {
        List<FeedCommand> all = new ArrayList<>(inner.drainFeedCommands());
        all.addAll(pending);
        pending.clear();
        return all;
    }

    @Override
    public List<ModelCall> drainModelCalls() {
        List<ModelCall> rows = inner.drainModelCalls();
        if (calls.isEmpty()) {
            return rows;
        }
        List<ModelCall> all = new ArrayList<>(rows);
        all.addAll(calls);
        calls.clear();
        return all;
    }
}
