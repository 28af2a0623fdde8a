package org.recloop.agents.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.recloop.core.command.FeedCommand;
import org.recloop.core.command.FeedConstraint;
import org.recloop.core.command.FeedConstraint.Kind;
import org.recloop.core.command.FeedConstraint.Target;
import org.recloop.core.lm.ChatAnswer;
import org.recloop.core.lm.ChatRequest;
import org.recloop.core.lm.LanguageModel;
import org.recloop.core.log.ModelCall;

/**
 * Reads a feed command written in free words with a chat model, through the kernel's language
 * model service (response cache, budget, retries, redaction). The model answers one JSON object
 * <pre>  {"kind": "exclude"|"boost", "target": "topic"|"creator"|"item"|"followed", "value": id or null,
 *    "ticks": how long, or null}</pre>
 * validated against the catalog ({@link RulesCommandParser.CatalogTerms}): an answer that is not
 * such an object, or names a topic, creator or item the catalog does not have (an invented one),
 * is relabelled {@code invalid} and asked once more with the error quoted; a second invalid answer,
 * or no answer at all, falls back to the {@link RulesCommandParser} (outcome {@code fallback} if it
 * reads the text, else {@code invalid}: the command is dropped), with a {@code fallback} llm_calls
 * row. Every row has component {@code command_parser}.
 *
 * <p>Blocking, on the simulation thread (a few commands per tick). Determinism: given the same
 * answers (the response cache's), the same text gives the same command and rows.
 */
public final class LlmCommandParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SYSTEM = "You turn a user's request about their own feed on a content platform into one"
            + " structured constraint. Answer with one JSON object and nothing else:\n"
            + "{\"kind\": \"exclude\" or \"boost\", \"target\": \"topic\", \"creator\", \"item\" or \"followed\","
            + " \"value\": the id (null for followed), \"ticks\": how many ticks it lasts if the user says, else null}\n"
            + "\"less\", \"nothing\", \"no more\", \"hide\" mean exclude; \"more\" means boost. \"followed\" means"
            + " the accounts the user follows. Use only ids that exist.";

    /** A command read by the model or the fallback, and the llm_calls rows of the decision. */
    public record Result(FeedCommand command, List<ModelCall> rows) {}

    private final LanguageModel lm;
    private final RulesCommandParser fallback;
    private final int duration;

    /**
     * @param lm the chat model
     * @param fallback the rules parser used when the model cannot answer validly
     * @param duration ticks a command lasts unless it says; 0 = for the rest of the run
     */
    public LlmCommandParser(LanguageModel lm, RulesCommandParser fallback, int duration) {
        this.lm = lm;
        this.fallback = fallback;
        this.duration = duration;
    }

    /** The prompt for {@code text} against the catalog's ids. */
    static String prompt(String text, RulesCommandParser.CatalogTerms terms) {
        return "Catalog: topics 0.." + (terms.topics() - 1) + ", items 0.." + (terms.items() - 1)
                + ", creators by id.\nThe user says: \"" + text.replace('"', '\'') + "\"";
    }

    /** Reads {@code text} that {@code user} said at {@code tick}. */
    public Result parse(int tick, int user, String text, RulesCommandParser.CatalogTerms terms) {
        List<ModelCall> rows = new ArrayList<>(3);
        String prompt = prompt(text, terms);
        ChatAnswer a = ask(prompt, tick, user, rows);
        Read r = a.answered() ? read(a.text().get(), tick, terms) : null;
        if (r != null && r.error() != null) {
            relabelLast(rows, "invalid");
            a = ask(prompt + "\n\nYour previous answer was invalid: " + r.error()
                    + ". Answer again with one JSON object.", tick, user, rows);
            r = a.answered() ? read(a.text().get(), tick, terms) : null;
            if (r != null && r.error() != null) {
                relabelLast(rows, "invalid");
            }
        }
        if (r != null && r.error() == null) {
            return new Result(new FeedCommand(tick, user, text, FeedCommand.LLM, FeedCommand.OK,
                    Optional.of(r.constraint())), List.copyOf(rows));
        }
        ModelCall last = rows.get(rows.size() - 1);
        if (!last.outcome().equals(ChatAnswer.BUDGET)) {
            rows.add(new ModelCall(tick, user, rows.get(0).promptHash(), last.model(), -1, -1, 0, "fallback",
                    rows.size() + 1, ModelCall.Component.COMMAND_PARSER));
        }
        Optional<FeedConstraint> byRules = fallback.parse(text, tick);
        return new Result(new FeedCommand(tick, user, text, FeedCommand.LLM,
                byRules.isPresent() ? FeedCommand.FALLBACK : FeedCommand.INVALID, byRules), List.copyOf(rows));
    }

    private ChatAnswer ask(String prompt, int tick, int user, List<ModelCall> rows) {
        ChatAnswer a = lm.complete(new ChatRequest(SYSTEM, prompt, tick, user, ChatRequest.OK,
                ModelCall.Component.COMMAND_PARSER));
        for (ModelCall m : a.calls()) {
            rows.add(m.withAttempt(rows.size() + 1));
        }
        return a;
    }

    private static void relabelLast(List<ModelCall> rows, String outcome) {
        rows.set(rows.size() - 1, rows.get(rows.size() - 1).withOutcome(outcome));
    }

    /** A constraint, or the error that makes the answer invalid. */
    record Read(FeedConstraint constraint, String error) {}

    /** Validates an answer; package-private for tests. */
    Read read(String answer, int tick, RulesCommandParser.CatalogTerms terms) {
        JsonNode o;
        try {
            String s = answer.strip();
            int open = s.indexOf('{');
            int close = s.lastIndexOf('}');
            o = JSON.readTree(open >= 0 && close > open ? s.substring(open, close + 1) : s);
        } catch (Exception e) {
            return new Read(null, "not a JSON object");
        }
        if (o == null || !o.isObject()) {
            return new Read(null, "not a JSON object");
        }
        String kind = o.path("kind").asText("");
        if (!kind.equals("exclude") && !kind.equals("boost")) {
            return new Read(null, "kind must be \"exclude\" or \"boost\", was " + o.path("kind"));
        }
        Target target;
        try {
            target = Target.of(o.path("target").asText(""));
        } catch (IllegalArgumentException e) {
            return new Read(null, "target must be \"topic\", \"creator\", \"item\" or \"followed\", was "
                    + o.path("target"));
        }
        int value = -1;
        if (target != Target.FOLLOWED) {
            if (!o.path("value").canConvertToInt() || !o.path("value").isIntegralNumber()) {
                return new Read(null, "value must be an integer id, was " + o.path("value"));
            }
            value = o.path("value").intValue();
        }
        Optional<String> problem = terms.problem(target, value);
        if (problem.isPresent()) {
            return new Read(null, problem.get());
        }
        int ticks = duration;
        JsonNode t = o.path("ticks");
        if (!t.isMissingNode() && !t.isNull()) {
            if (!t.isIntegralNumber() || t.intValue() <= 0) {
                return new Read(null, "ticks must be a positive integer or null, was " + t);
            }
            ticks = t.intValue();
        }
        return new Read(RulesCommandParser.constraint(kind.equals("exclude") ? Kind.EXCLUDE : Kind.BOOST, target,
                value, tick, ticks), null);
    }
}
