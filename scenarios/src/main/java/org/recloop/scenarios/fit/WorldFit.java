package org.recloop.scenarios.fit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.recloop.core.serve.Interactions;
import org.recloop.core.world.io.RatingsFile;
import org.recloop.scenarios.data.RatingsWorld;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits the parameters of a {@code ratings} world so that its simulated log matches the file it
 * was built from (see {@link LogDistance} for what "matches" means).
 *
 * <p>Method: first a small grid over beta × noClickUtility (when fitted; 4 × 4 values spread
 * over their boxes, the other parameters at their start values), because the KS statistic is a
 * step function of the parameters and a local search started far away stalls on its plateaus;
 * then Nelder–Mead (Commons Math {@link SimplexOptimizer}) from the best grid point over all
 * fitted parameters, each mapped to its box by a logistic function so that the simplex can move
 * freely. Every evaluation is one {@link ChoiceSimulation} with the same seed (common random
 * numbers: differences between evaluations come from the parameters, not the draws), so the
 * fit is deterministic for a seed. The best point seen is kept, whatever stopped the search.
 *
 * <p>Not identifiable from a file of (user, item) rows and hence fixed unless named: the
 * position bias (the file has no positions; with random slates it only scales the click rate,
 * as noClickUtility does) and meanActivity (sessions × click probability make the density, so
 * it trades off against noClickUtility).
 */
public final class WorldFit {

    private static final Logger LOG = LoggerFactory.getLogger(WorldFit.class);
    private static final double[] GRID = {0.15, 0.35, 0.55, 0.75};

    /**
     * What to fit.
     *
     * @param file the real interaction file, whose statistics the fitted log is to match
     * @param worldFile the file the world (its users' tastes, items and activity) is built from;
     *     null = {@code file}. Its raw user and item ids name the users and items of {@code file}
     *     (rows of others are left out; its users and items missing in {@code file} count as zero)
     * @param dimensions latent dimensions of the world's ALS fit
     * @param minRating ratings at or above it are what the world's tastes are fitted on
     * @param fit the parameters to search
     * @param fixed values of other parameters (those neither fitted nor fixed keep their defaults)
     * @param seed the seed of the world and of every simulation
     * @param ticks ticks of a simulation; 0 = twice the largest number of ratings of a user
     * @param slateSize items per slate
     * @param evaluations most simulations of the search (grid included)
     */
    public record Settings(Path file, Path worldFile, int dimensions, double minRating, Set<FitParameter> fit,
            Map<FitParameter, Double> fixed, long seed, int ticks, int slateSize, int evaluations) {
        public Settings {
            Objects.requireNonNull(file, "file");
            worldFile = worldFile == null ? file : worldFile;
            fit = Set.copyOf(fit);
            fixed = Map.copyOf(fixed);
            for (FitParameter p : fixed.keySet()) {
                if (fit.contains(p)) {
                    throw new IllegalArgumentException(p.key() + " is both fitted and fixed");
                }
                p.check(fixed.get(p));
            }
            if (dimensions <= 0 || ticks < 0 || slateSize <= 0 || evaluations <= 0) {
                throw new IllegalArgumentException("dimensions, slate size and evaluations must be > 0, ticks >= 0");
            }
        }
    }

    /**
     * The outcome.
     *
     * @param values every parameter of the fitted world
     * @param fitted the parameters that were searched
     * @param distance the fitted world's log against the file
     * @param start the distance at the default parameters (before the search)
     * @param evaluations simulations run
     * @param ticks ticks of a simulation (and of the written scenario)
     * @param real the file's interactions
     * @param simulated the fitted world's log
     */
    public record Result(EnumMap<FitParameter, Double> values, Set<FitParameter> fitted, LogDistance distance,
            LogDistance start, int evaluations, int ticks, Interactions real, Interactions simulated) {}

    private final Settings settings;
    private final ChoiceSimulation sim;
    private final Interactions real;
    private final EnumMap<FitParameter, Double> base;
    private final List<FitParameter> order;
    private int evaluations;
    private double bestObjective = Double.POSITIVE_INFINITY;
    private EnumMap<FitParameter, Double> best;
    private LogDistance bestDistance;
    private Interactions bestLog;

    /**
     * Builds the world (reads the file, fits its ALS model).
     *
     * @throws org.recloop.core.world.io.DataFileException when the file cannot be read
     */
    public WorldFit(Settings s) {
        this.settings = s;
        RatingsFile data = RatingsFile.read(s.worldFile(), org.recloop.core.world.LoadPolicy.LENIENT);
        int maxCount = 0;
        int[] count = new int[data.numUsers()];
        for (int u : data.users()) {
            maxCount = Math.max(maxCount, ++count[u]);
        }
        int ticks = s.ticks() > 0 ? s.ticks() : Math.max(20, 2 * maxCount);
        // default meanActivity: about 1.5 sessions per rating over the run, so that an average user
        // needs a click probability near 2/3 per session, well inside what the MNL can give
        double meanCount = (double) data.size() / data.numUsers();
        double meanActivity = Math.min(FitParameter.MEAN_ACTIVITY.upper(), 1.5 * meanCount / ticks);
        this.base = ChoiceSimulation.complete(s.fixed(), meanActivity);
        this.sim = new ChoiceSimulation(s.worldFile(), worldParams(s, base), s.seed(), ticks, s.slateSize());
        this.real = s.worldFile().equals(s.file())
                ? org.recloop.analysis.offline.OfflineData.fromRatings(data, null).interactions()
                : inWorldIds(RatingsFile.read(s.file(), org.recloop.core.world.LoadPolicy.LENIENT), data);
        this.order = new ArrayList<>();
        for (FitParameter p : FitParameter.values()) {
            if (s.fit().contains(p)) {
                order.add(p);
            }
        }
    }

    /** The world parameters of the catalog and population (activity settings from {@code values}). */
    static RatingsWorld.Params worldParams(Settings s, Map<FitParameter, Double> values) {
        return new RatingsWorld.Params(s.worldFile().toString(), s.dimensions(), s.minRating(),
                values.get(FitParameter.MEAN_ACTIVITY), values.get(FitParameter.ACTIVITY_EXPONENT));
    }

    /** The rows of {@code real} as interactions of the world's dense users and items (others left out). */
    private static Interactions inWorldIds(RatingsFile real, RatingsFile world) {
        int n = 0;
        int[] users = new int[real.size()];
        int[] items = new int[real.size()];
        for (int r = 0; r < real.size(); r++) {
            int u = java.util.Arrays.binarySearch(world.rawUserIds(), real.rawUserIds()[real.users()[r]]);
            int i = java.util.Arrays.binarySearch(world.rawItemIds(), real.rawItemIds()[real.items()[r]]);
            if (u >= 0 && i >= 0) {
                users[n] = u;
                items[n] = i;
                n++;
            }
        }
        float[] ones = new float[n];
        java.util.Arrays.fill(ones, 1f);
        return new Interactions(java.util.Arrays.copyOf(users, n), java.util.Arrays.copyOf(items, n), new int[n], ones,
                world.numUsers(), world.numItems());
    }

    /** Runs the search. */
    public Result run() {
        LogDistance start = evaluate(base);
        if (!order.isEmpty()) {
            grid();
            local();
        }
        LOG.info("fit of {}: {} evaluations, objective {}", settings.file(), evaluations, bestObjective);
        return new Result(best, Set.copyOf(order), bestDistance, start, evaluations, sim.ticks(), real, bestLog);
    }

    private void grid() {
        List<FitParameter> axes = new ArrayList<>();
        for (FitParameter p : new FitParameter[] {FitParameter.BETA, FitParameter.NO_CLICK_UTILITY}) {
            if (order.contains(p)) {
                axes.add(p);
            }
        }
        int points = (int) Math.pow(GRID.length, axes.size());
        for (int g = 0; g < points && evaluations < settings.evaluations(); g++) {
            EnumMap<FitParameter, Double> v = new EnumMap<>(base);
            int code = g;
            for (FitParameter p : axes) {
                v.put(p, p.lower() + GRID[code % GRID.length] * (p.upper() - p.lower()));
                code /= GRID.length;
            }
            evaluate(v);
        }
    }

    private void local() {
        double[] z = new double[order.size()];
        for (int k = 0; k < z.length; k++) {
            FitParameter p = order.get(k);
            double x = (best.get(p) - p.lower()) / (p.upper() - p.lower());
            x = Math.min(0.98, Math.max(0.02, x));
            z[k] = Math.log(x / (1 - x));
        }
        double[] steps = new double[z.length];
        java.util.Arrays.fill(steps, 0.6);
        int left = settings.evaluations() - evaluations;
        if (left <= z.length + 1) {
            return;
        }
        try {
            new SimplexOptimizer(1e-4, 1e-4).optimize(new MaxEval(left), new MaxIter(Integer.MAX_VALUE),
                    new ObjectiveFunction(zs -> evaluate(point(zs)).objective()), GoalType.MINIMIZE,
                    new InitialGuess(z), new NelderMeadSimplex(steps));
        } catch (TooManyEvaluationsException e) {
            LOG.debug("fit: evaluation budget used up, keeping the best point seen");
        }
    }

    private EnumMap<FitParameter, Double> point(double[] z) {
        EnumMap<FitParameter, Double> v = new EnumMap<>(base);
        for (int k = 0; k < z.length; k++) {
            FitParameter p = order.get(k);
            v.put(p, p.lower() + (p.upper() - p.lower()) / (1 + Math.exp(-z[k])));
        }
        return v;
    }

    private LogDistance evaluate(EnumMap<FitParameter, Double> v) {
        evaluations++;
        Interactions log = sim.run(v);
        LogDistance d = LogDistance.between(real, log);
        double f = d.objective();
        LOG.debug("fit evaluation {}: {} -> {} ({})", evaluations, v, f, d);
        if (f < bestObjective) {
            bestObjective = f;
            best = new EnumMap<>(v);
            bestDistance = d;
            bestLog = log;
        }
        return d;
    }
}
