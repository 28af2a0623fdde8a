package org.recloop.scenarios.act;

import java.util.List;
import org.recloop.agents.attack.AttackUserModel;
import org.recloop.core.act.ActContext;
import org.recloop.core.act.Intervention;
import org.recloop.core.act.UserGroup;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.world.synthetic.SyntheticPopulation;

/**
 * {@code attack}: at tick {@code at} (Act phase) open {@code accounts} fake accounts answered by
 * the {@code attack} user model ({@link AttackUserModel}, whose parameters sit next to {@code at}
 * and {@code accounts}). Same as {@code add-users} with {@code model: {type: attack, ...}}, except
 * that the attack window starts by default when the accounts arrive ({@code at + 1}) and the
 * interventions row names the fake accounts' id range. Their tastes and activity are drawn as
 * {@code add-users} draws them (the model then makes them open the app every tick).
 */
public final class Attack implements Intervention {

    /** Most accounts one attack may open. */
    public static final int MAX_ACCOUNTS = 100_000;

    /**
     * @param at tick whose Act phase opens the accounts
     * @param accounts number of fake accounts, 1..{@link #MAX_ACCOUNTS}
     * @param start first tick they act (default: unset, meaning {@code at + 1}, when they arrive; not earlier)
     * @param end last tick they act (default: until the run ends)
     * the rest: as {@link AttackUserModel.Params}
     */
    public record Params(Integer at, Integer accounts, String strategy, String goal, List<Integer> targets,
            Integer actionsPerTick, Integer start, Integer end, Double camouflage, Integer fillerPool) {
        public Params {
            if (at == null) {
                throw new InvalidParameterException("at", "is required");
            }
            Check.nonNegative("at", at);
            if (accounts == null) {
                throw new InvalidParameterException("accounts", "is required");
            }
            Check.positive("accounts", accounts);
            if (accounts > MAX_ACCOUNTS) {
                throw new InvalidParameterException("accounts", "at most " + MAX_ACCOUNTS + " per attack, was " + accounts);
            }
            if (start != null && start <= at) {
                throw new InvalidParameterException("start", "must be after at (" + at
                        + "): the accounts arrive from tick " + (at + 1) + ", was " + start);
            }
            AttackUserModel.Params m = model(strategy, goal, targets, actionsPerTick, start == null ? at + 1 : start, end,
                    camouflage, fillerPool);
            strategy = m.strategy();
            goal = m.goal();
            targets = m.targets();
            actionsPerTick = m.actionsPerTick();
            camouflage = m.camouflage();
            fillerPool = m.fillerPool();
        }

        private static AttackUserModel.Params model(String strategy, String goal, List<Integer> targets,
                Integer actionsPerTick, Integer start, Integer end, Double camouflage, Integer fillerPool) {
            return new AttackUserModel.Params(strategy, goal, targets, actionsPerTick, start, end, camouflage, fillerPool);
        }

        AttackUserModel.Params model() {
            return model(strategy, goal, targets, actionsPerTick, firstTick(), end, camouflage, fillerPool);
        }

        /** The first tick the accounts act: {@code start}, or when they arrive. */
        int firstTick() {
            return start == null ? at + 1 : start;
        }
    }

    private final Params p;
    private UserGroup made;

    public Attack(Params p) {
        this.p = p;
    }

    @Override
    public int tick() {
        return p.at();
    }

    @Override
    public String type() {
        return "attack";
    }

    @Override
    public String describe() {
        String who = made == null ? "" : " as fake users [" + made.from() + ", " + made.to() + ") (group " + made.index() + ")";
        return "open " + p.accounts() + " fake accounts" + who + ": " + p.strategy() + " " + p.goal() + " attack on items "
                + p.targets() + ", ticks " + p.firstTick() + ".." + (p.end() == null ? "end" : p.end()) + ", "
                + p.actionsPerTick() + " actions per tick, camouflage " + p.camouflage();
    }

    @Override
    public java.util.List<org.recloop.core.react.UserModel> userModels() {
        return java.util.List.of(new AttackUserModel(p.model()));
    }

    @Override
    public boolean addsUsers() {
        return true;
    }

    @Override
    public void apply(ActContext ctx) {
        SyntheticPopulation source = new SyntheticPopulation(
                new SyntheticPopulation.Params(p.accounts(), null, null, null, null));
        made = ctx.addUsers(p.accounts(), (world, from, to) -> source.fill(world.population(), world.catalog(),
                ctx.streams(), from, to, ctx.tick()), new AttackUserModel(p.model()));
    }
}
