package org.recloop.scenarios.act;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.recloop.core.act.ActContext;
import org.recloop.core.act.Intervention;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.log.ForgetRequest;
import org.recloop.core.rng.RandomStreams;
import org.recloop.core.serve.UnlearningMethod;
import org.recloop.core.world.ConsumptionHistory;
import org.recloop.core.world.Population;
import org.recloop.core.world.World;

/**
 * {@code forget}: at tick {@code at} (Act phase) forget data, as a right-to-be-forgotten or
 * machine-unlearning request (see {@code ActContext.forget}): the log tombstones the rows and
 * writes an audit row in forget_requests; no later fit, evaluation, metrics replay or export sees
 * them; the platform drops the live state; the recommender forgets at once by {@code method}:
 * {@code exact} (default) refits it, {@code sharded} retrains only the shards of a {@code sharded}
 * recommender that held the data, {@code finetune} runs the reverse fine-tuning of the factor
 * models (als, bpr). Loading refuses a method the scenario's recommender cannot do.
 *
 * <p>Which data: {@code ids} (users or items; for interactions the users, with {@code items} the
 * item of each pair), or {@code count} chosen uniformly from the stream of ("act.forget", -1, at)
 * among users not forgotten yet, items not retired yet, or (user, item) pairs in the consumption
 * histories.
 */
public final class Forget implements Intervention {

    private static final long PURPOSE = RandomStreams.purpose("act.forget");

    /**
     * @param at tick whose Act phase forgets
     * @param scope users, items or interactions (default users)
     * @param ids user ids (users, interactions) or item ids (items)
     * @param items for interactions given by ids: the item of each pair
     * @param count how many to choose (instead of ids)
     * @param reason free text for the audit row
     * @param method how the recommender forgets: exact, sharded or finetune (default exact)
     */
    public record Params(Integer at, String scope, List<Integer> ids, List<Integer> items, Integer count, String reason,
            String method) {
        public Params {
            if (at == null) {
                throw new InvalidParameterException("at", "is required");
            }
            Check.nonNegative("at", at);
            scope = scope == null ? "users" : scope;
            if (!List.of("users", "items", "interactions").contains(scope)) {
                throw new InvalidParameterException("scope", "must be users, items or interactions, was '" + scope + "'");
            }
            ids = ids == null ? null : List.copyOf(ids);
            items = items == null ? null : List.copyOf(items);
            if ((ids == null) == (count == null)) {
                throw new InvalidParameterException("ids", "give either ids or count, not "
                        + (ids == null ? "neither" : "both"));
            }
            if (count != null) {
                Check.positive("count", count);
                if (items != null) {
                    throw new InvalidParameterException("items", "goes with ids, not with count");
                }
            } else {
                for (int i = 0; i < ids.size(); i++) {
                    Check.nonNegative("ids[" + i + "]", ids.get(i));
                }
                boolean pairs = scope.equals("interactions");
                if (pairs ? items == null || items.size() != ids.size() : items != null) {
                    throw new InvalidParameterException("items", pairs
                            ? "interactions by ids need one item per id (" + ids.size() + ")"
                            : "only for scope interactions");
                }
            }
            reason = reason == null ? "" : reason;
            method = method == null ? UnlearningMethod.EXACT.id() : method;
            try {
                UnlearningMethod.of(method);
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("method", e.getMessage());
            }
        }

        public UnlearningMethod unlearningMethod() {
            return UnlearningMethod.of(method);
        }

        ForgetRequest.Scope requestScope() {
            return ForgetRequest.Scope.valueOf(scope.toUpperCase(Locale.ROOT));
        }
    }

    private final Params p;

    public Forget(Params p) {
        this.p = p;
    }

    @Override
    public int tick() {
        return p.at();
    }

    @Override
    public String type() {
        return "forget";
    }

    @Override
    public String describe() {
        return "forget " + p.scope() + " " + (p.ids() != null ? p.ids() + (p.items() != null ? " x items " + p.items() : "")
                : p.count() + " chosen at random") + (p.reason().isEmpty() ? "" : ": " + p.reason())
                // exact is the default and its text stays as it was
                + (p.unlearningMethod() == UnlearningMethod.EXACT ? "" : " (unlearning: " + p.method() + ")");
    }

    @Override
    public void apply(ActContext ctx) {
        ctx.forget(request(ctx), p.unlearningMethod());
    }

    private ForgetRequest request(ActContext ctx) {
        ForgetRequest.Scope scope = p.requestScope();
        if (p.ids() != null) {
            return new ForgetRequest(scope, Picks.array(p.ids()), p.items() == null ? null : Picks.array(p.items()),
                    p.reason());
        }
        World w = ctx.world();
        UniformRandomProvider rng = ctx.streams().stream(PURPOSE, -1, ctx.tick());
        return switch (scope) {
            case USERS -> {
                Population pop = w.population();
                int[] c = new int[pop.size()];
                int n = 0;
                for (int u = 0; u < pop.size(); u++) {
                    if (pop.status(u) != Population.FORGOTTEN) {
                        c[n++] = u;
                    }
                }
                yield new ForgetRequest(scope, Picks.choose(Arrays.copyOf(c, n), p.count(), rng), null, p.reason());
            }
            case ITEMS -> {
                int[] c = new int[w.catalog().size()];
                int n = 0;
                for (int i = 0; i < c.length; i++) {
                    if (!w.catalog().isRetired(i)) {
                        c[n++] = i;
                    }
                }
                yield new ForgetRequest(scope, Picks.choose(Arrays.copyOf(c, n), p.count(), rng), null, p.reason());
            }
            case INTERACTIONS -> {
                // pairs numbered in (user, item) order; choose among their indexes
                ConsumptionHistory h = w.history();
                long total = 0;
                for (int u = 0; u < h.users(); u++) {
                    total += h.size(u);
                }
                int[] all = new int[Math.toIntExact(total)];
                for (int k = 0; k < all.length; k++) {
                    all[k] = k;
                }
                int[] chosen = Picks.choose(all, p.count(), rng);
                int[] users = new int[chosen.length];
                int[] items = new int[chosen.length];
                int u = 0;
                long before = 0; // pairs of users below u
                for (int k = 0; k < chosen.length; k++) {
                    while (chosen[k] >= before + h.size(u)) {
                        before += h.size(u);
                        u++;
                    }
                    users[k] = u;
                    items[k] = h.item(u, (int) (chosen[k] - before));
                }
                yield new ForgetRequest(scope, users, items, p.reason());
            }
        };
    }
}
