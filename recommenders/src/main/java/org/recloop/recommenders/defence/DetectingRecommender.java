package org.recloop.recommenders.defence;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.BitSet;
import java.util.Objects;
import org.recloop.core.capability.Capabilities;
import org.recloop.core.capability.DetectionBoard;
import org.recloop.core.capability.DetectionReport;
import org.recloop.core.config.Check;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.serve.Interactions;
import org.recloop.core.serve.Recommender;
import org.recloop.core.serve.TrainContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code detect}: at every fit, scores every account with {@link SuspicionScores}, flags those
 * scoring above {@code threshold}, and fits the base on everyone else's interactions; until the
 * next fit, the flagged accounts' interactions are withheld from the base's update and observe
 * too. Flagged accounts are still served (by the base, as users it knows nothing of): a platform
 * that blocked them would tell the attacker it had been caught.
 *
 * <p>Each detection is posted on the run's {@link DetectionBoard} when the run grants one, so the
 * {@code detection} metric can score it against the ground truth; the defence itself never reads
 * the ground truth. With {@code graphFeatures} on (the default) and a run that grants the
 * platform's follow graph ({@link org.recloop.core.capability.SocialGraphView}) with at least one
 * edge, the scores take the graph features too; otherwise they come from clicks alone.
 */
public final class DetectingRecommender extends DefenceRecommender {

    private static final Logger LOG = LoggerFactory.getLogger(DetectingRecommender.class);

    /**
     * @param threshold score above which an account is flagged, in [0, 1] (default 0.8)
     * @param base the recommender to protect (required)
     * @param graphFeatures judge from the follow graph too, where the run has one with edges
     *     (default true; no effect without follows)
     */
    public record Params(Double threshold, JsonNode base, Boolean graphFeatures) {
        public Params {
            threshold = Check.unit("threshold", threshold == null ? 0.8 : threshold);
            graphFeatures = graphFeatures == null || graphFeatures;
            if (base == null) {
                throw new InvalidParameterException("base", "is required: the recommender to protect");
            }
        }
    }

    private final double threshold;
    private final boolean graphFeatures;
    private final Capabilities capabilities;
    private BitSet flagged = new BitSet();

    /** A detection that uses the follow graph when the run grants one with edges. */
    public DetectingRecommender(Recommender base, double threshold, Capabilities capabilities) {
        this(base, threshold, true, capabilities);
    }

    public DetectingRecommender(Recommender base, double threshold, boolean graphFeatures, Capabilities capabilities) {
        super(base);
        this.threshold = threshold;
        this.graphFeatures = graphFeatures;
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
    }

    /** The accounts flagged at the last fit (a copy; empty before the first). */
    public BitSet flagged() {
        return (BitSet) flagged.clone();
    }

    @Override
    Interactions screenForFit(Interactions all, TrainContext ctx) {
        // looked up at every fit: the graph may be granted after the recommender is made
        SuspicionScores scores = SuspicionScores.judge(all, capabilities, graphFeatures);
        BitSet now = new BitSet(all.numUsers());
        BitSet scored = scores.scored();
        for (int u = scored.nextSetBit(0); u >= 0; u = scored.nextSetBit(u + 1)) {
            if (scores.score(u) > threshold) {
                now.set(u);
            }
        }
        flagged = now;
        LOG.debug("tick {}: flagged {} of {} accounts", ctx.tick(), now.cardinality(), scored.cardinality());
        // looked up now, not at creation: the board may be granted after the recommender is made
        capabilities.capability(DetectionBoard.class)
                .ifPresent(b -> b.publish(new DetectionReport(ctx.tick(), now, scored)));
        return screen(all, ctx);
    }

    @Override
    Interactions screen(Interactions in, TrainContext ctx) {
        boolean[] keep = new boolean[in.size()];
        for (int r = 0; r < keep.length; r++) {
            keep[r] = !flagged.get(in.users()[r]);
        }
        return keep(in, keep);
    }
}
