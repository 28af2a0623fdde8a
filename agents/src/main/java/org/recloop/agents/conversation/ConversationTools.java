package org.recloop.agents.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.recloop.agents.llm.CatalogTextSearch;
import org.recloop.core.world.Catalog;
import org.recloop.core.world.World;

/**
 * The recommender agent's tools for one conversation:
 * <ul>
 *   <li>{@code recommend {"k": n}}: the next n (default {@code offer}) items of the scenario's
 *       recommender for this user, i.e. of the slate it served this session (any registered type;
 *       consumed and retired items already excluded by the shared ranker), skipping items already
 *       offered in the conversation;</li>
 *   <li>{@code search {"query": text}}: at most {@code offer} unconsumed items: with the MiniLM
 *       index ({@code search: minilm}, {@link CatalogTextSearch}) the most similar to the text; with
 *       {@code search: titles} those whose title contains it (case folded), or for {@code "topic
 *       T"} those of topic T, by id;</li>
 *   <li>{@code details {"item": id}}: the item's title, topic, creator and quality.</li>
 * </ul>
 * A call with an unknown tool or bad arguments is a {@link BadCall} whose message goes back to the
 * model. Deterministic: results depend only on the world and the arguments.
 */
final class ConversationTools {

    static final List<String> TOOLS = List.of("recommend", "search", "details");
    private static final Pattern TOPIC = Pattern.compile("topic\\s*(\\d+)");

    /** A tool call the agent may not make, with the reason the model is told. */
    static final class BadCall extends Exception {
        private static final long serialVersionUID = 1L;

        BadCall(String message) {
            super(message, null, false, false);
        }
    }

    /** What a call returned: the items and the text the model reads. */
    record Result(List<Integer> items, String text) {}

    private final World world;
    private final int user;
    private final int[] served;
    private final int offer;
    private final Set<Integer> offered;
    private final CatalogTextSearch semantic;

    /**
     * @param served the slate the scenario's recommender served the user this session, in its order
     * @param offered the items offered so far in the conversation (read live)
     * @param semantic the MiniLM search, or null for title and topic matching
     */
    ConversationTools(World world, int user, int[] served, int offer, Set<Integer> offered,
            CatalogTextSearch semantic) {
        this.semantic = semantic;
        this.world = world;
        this.user = user;
        this.served = served;
        this.offer = offer;
        this.offered = offered;
    }

    Result call(String tool, JsonNode args) throws BadCall {
        return switch (tool) {
            case "recommend" -> recommend(args);
            case "search" -> search(args);
            case "details" -> details(args);
            default -> throw new BadCall("unknown tool \"" + tool + "\"; the tools are " + TOOLS + " and answer");
        };
    }

    /** The next of the served items not yet offered, at most {@code n}. */
    List<Integer> nextServed(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i : served) {
            if (out.size() == n) {
                break;
            }
            if (!offered.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private Result recommend(JsonNode args) throws BadCall {
        int k = offer;
        JsonNode n = args.path("k");
        if (!n.isMissingNode() && !n.isNull()) {
            if (!n.isIntegralNumber() || n.intValue() < 1 || n.intValue() > served.length) {
                throw new BadCall("recommend: k must be an integer from 1 to " + Math.max(1, served.length)
                        + ", was " + n);
            }
            k = n.intValue();
        }
        List<Integer> items = nextServed(k);
        return new Result(items, items.isEmpty() ? "no more recommendations" : describe(items));
    }

    private Result search(JsonNode args) throws BadCall {
        JsonNode q = args.path("query");
        if (!q.isTextual() || q.asText().isBlank()) {
            throw new BadCall("search: query must be a non-empty string, was " + q);
        }
        if (semantic != null) {
            List<Integer> items = new ArrayList<>();
            for (int i : semantic.search(world.catalog(), q.asText().strip(), offer,
                    i -> !world.catalog().isRetired(i) && !world.history().contains(user, i))) {
                items.add(i);
            }
            return new Result(items, items.isEmpty() ? "nothing found" : describe(items));
        }
        String query = q.asText().strip().toLowerCase(Locale.ROOT);
        Matcher t = TOPIC.matcher(query);
        int topic = t.find() ? Integer.parseInt(t.group(1)) : -1;
        Catalog c = world.catalog();
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < c.size() && items.size() < offer; i++) {
            if (c.isRetired(i) || world.history().contains(user, i)) {
                continue;
            }
            boolean match = topic >= 0 ? c.topic(i) == topic
                    : c.title(i).map(s -> s.toLowerCase(Locale.ROOT).contains(query)).orElse(false);
            if (match) {
                items.add(i);
            }
        }
        return new Result(items, items.isEmpty() ? "nothing found" : describe(items));
    }

    private Result details(JsonNode args) throws BadCall {
        int item = item(args.path("item"), "details: item");
        Catalog c = world.catalog();
        return new Result(List.of(), "item " + item + ": " + c.title(item).orElse("untitled") + ", topic "
                + c.topic(item) + ", creator " + c.creator(item) + String.format(Locale.ROOT, ", quality %.2f",
                        c.quality(item)));
    }

    /** An item id the catalog has and the user can still be offered, or a bad call naming {@code what}. */
    int item(JsonNode n, String what) throws BadCall {
        if (!n.isIntegralNumber()) {
            throw new BadCall(what + " must be an integer item id, was " + n);
        }
        int item = n.intValue();
        Catalog c = world.catalog();
        if (item < 0 || item >= c.size() || c.isRetired(item)) {
            throw new BadCall(what + " " + item + " does not exist");
        }
        if (world.history().contains(user, item)) {
            throw new BadCall(what + " " + item + " was consumed by the user already");
        }
        return item;
    }

    /** Items as the model reads them: id, title, topic. */
    String describe(List<Integer> items) {
        Catalog c = world.catalog();
        StringBuilder sb = new StringBuilder();
        for (int i : items) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append("item ").append(i).append(c.title(i).map(s -> " \"" + s.replace('"', '\'') + "\"").orElse(""))
                    .append(" (topic ").append(c.topic(i)).append(')');
        }
        return sb.toString();
    }
}
