package org.recloop.analysis.export;

import java.util.ArrayList;
import java.util.List;
import org.recloop.analysis.export.Column.Type;

/** The tables an export writes, with the meaning of every column (the dataset card lists them). */
final class Tables {

    static final String INTERACTIONS = "interactions";
    static final String EXPOSURES = "exposures";
    static final String USERS = "users";
    static final String ITEMS = "items";
    static final String SEQUENCES = "sequences";

    private Tables() {}

    private static final Column USER = new Column("user", "user_id", Type.ID, "user id, as in the run's log (0-based)");
    private static final Column ITEM = new Column("item", "item_id", Type.ID, "item id, as in the run's log (0-based)");

    /** Interactions; MovieLens CSV keeps to its four columns, the other formats name the event. */
    static Table interactions(boolean withEvent) {
        List<Column> c = new ArrayList<>(List.of(USER, ITEM,
                new Column("rating", Type.FLOAT, "stars 1..5 for a rate event, 1 for every other event type"),
                new Column("timestamp", Type.INT, "the tick of the event (simulated time, 0-based)")));
        if (withEvent) {
            c.add(new Column("event", Type.TEXT, "event type: click, consume, rate, like, share, comment, ..."));
        }
        return new Table(INTERACTIONS, "one event of a chosen type on an item, in log order (time order)", c);
    }

    static Table sequences() {
        return new Table(SEQUENCES, "one line per user with at least one interaction: the user id, then the items"
                + " of their interactions in time order, space-separated", List.of(USER,
                        new Column("items", "item_id_list", Type.ID_SEQ, "the user's items in time order")));
    }

    static Table exposures() {
        return new Table(EXPOSURES, "one shown slate position (an impression), in log order", List.of(
                new Column("exposure_id", Type.ID, "exposure id; events answering it name it"),
                new Column("timestamp", Type.INT, "the tick the slate was shown"), USER, ITEM,
                new Column("position", Type.INT, "0-based position in the slate"),
                new Column("score", Type.FLOAT, "the serving recommender's score"),
                new Column("propensity", Type.FLOAT, "probability that the logging policy put this item at this"
                        + " position given the items at the positions before it (1 for a deterministic policy;"
                        + " the product over a slate's positions is the slate's probability)"),
                new Column("source", Type.TEXT, "recommender, social (followed users' feed) or search"),
                new Column("clicked", Type.INT, "1 if the user clicked this exposure, else 0"),
                new Column("click_probability", Type.FLOAT, "ground truth: the probability, under the user model,"
                        + " that the user clicks this exposure of this slate; empty when the run did not record it"
                        + " (no feed.serving block, or a user model that cannot compute it)")));
    }

    static Table users(boolean truth) {
        List<Column> c = new ArrayList<>(List.of(USER));
        if (truth) {
            c.add(new Column("archetype", Type.INT, "ground truth: the user's archetype index (0 when none)"));
            c.add(new Column("activity", Type.FLOAT, "ground truth: expected sessions per tick at start"));
            c.add(new Column("preference", Type.FLOAT_SEQ, "ground truth: the true preference vector at start"));
            c.add(new Column("fake", Type.INT, "ground truth: 1 for a fake account opened by an attack, else 0"));
        }
        return new Table(USERS, "one user of the world (also users without interactions), in id order", c);
    }

    static Table items(boolean truth) {
        List<Column> c = new ArrayList<>(List.of(ITEM,
                new Column("topic", Type.ID, "the item's topic"),
                new Column("creator", Type.ID, "the item's creator or provider"),
                new Column("created_tick", Type.INT, "tick the item joined the catalog (0 for the start)"),
                new Column("features", Type.FLOAT_SEQ, "the item's feature vector as the platform shows it to"
                        + " recommenders (empty when the item has none)")));
        if (truth) {
            c.add(new Column("quality", Type.FLOAT, "ground truth: the item's quality"));
            c.add(new Column("popularity", Type.FLOAT, "ground truth: the item's popularity prior"));
        }
        return new Table(ITEMS, "one item of the catalog (also items without interactions), in id order", c);
    }
}
