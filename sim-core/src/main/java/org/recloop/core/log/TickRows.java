package org.recloop.core.log;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Collectors of one tick's rows of the events and exposures tables, shared by {@link
 * LogReader}'s per-tick reads and its tick-ordered streams ({@link TickStream}), so both apply
 * the same columns and the same forgetting rule. Each reads the row where the cursor stands; the
 * queries put the tick in column 1 and the table's columns from column 2 on.
 */
final class TickRows {
    private TickRows() {}

    /** Columns 2.. of an exposures query: {@code id .. source}, then the true click probability. */
    static String exposureColumns(boolean truth) {
        return "e.id, e.user_id, e.item_id, e.position, e.score, e.propensity, e.source, "
                + (truth ? "t.click_probability" : "CAST(NULL AS REAL)");
    }

    /** The exposures table, joined with the recorded click probabilities where the database has them. */
    static String exposuresFrom(boolean truth) {
        return truth ? " FROM exposures e LEFT JOIN exposure_truth t ON t.exposure_id = e.id" : " FROM exposures e";
    }

    /** A sink for the rows of one tick. */
    interface Sink<T> {
        void accept(ResultSet rs) throws SQLException;

        T finish();
    }

    /** Exposures, the forgotten ones left out; a click probability the log lacks is NaN. */
    static final class ExposureRows implements Sink<LogReader.Exposures> {
        private final Forgotten f;
        private final GrowingColumns.Longs ids = new GrowingColumns.Longs();
        private final GrowingColumns.Ints users = new GrowingColumns.Ints();
        private final GrowingColumns.Ints items = new GrowingColumns.Ints();
        private final GrowingColumns.Ints positions = new GrowingColumns.Ints();
        private final GrowingColumns.Floats scores = new GrowingColumns.Floats();
        private final GrowingColumns.Floats props = new GrowingColumns.Floats();
        private final GrowingColumns.Bytes sources = new GrowingColumns.Bytes();
        private final GrowingColumns.Floats clicks = new GrowingColumns.Floats();

        ExposureRows(Forgotten f) {
            this.f = f;
        }

        /** A per-tick query's row: {@link #exposureColumns} with the click probability in column 9. */
        @Override
        public void accept(ResultSet rs) throws SQLException {
            float p = rs.getFloat(9);
            float click = rs.wasNull() ? Float.NaN : p; // before the other getters reset wasNull
            add(rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getFloat(6), rs.getFloat(7),
                    rs.getByte(8), click);
        }

        void add(long id, int u, int i, int position, float score, float propensity, byte source, float click) {
            if (f.coversExposure(u, i)) {
                return;
            }
            ids.add(id);
            users.add(u);
            items.add(i);
            positions.add(position);
            scores.add(score);
            props.add(propensity);
            sources.add(source);
            clicks.add(click);
        }

        @Override
        public LogReader.Exposures finish() {
            return new LogReader.Exposures(ids.toArray(), users.toArray(), items.toArray(), positions.toArray(),
                    scores.toArray(), props.toArray(), sources.toArray(), clicks.toArray());
        }
    }

    /** Columns 2.. of an events query. */
    static final String EVENT_COLUMNS = "id, user_id, item_id, type, exposure_id, position, val, target_user";

    /** Events, the forgotten ones left out. */
    static final class EventRows implements Sink<LogReader.Events> {
        private final Forgotten f;
        private final GrowingColumns.Longs ids = new GrowingColumns.Longs();
        private final GrowingColumns.Ints users = new GrowingColumns.Ints();
        private final GrowingColumns.Ints items = new GrowingColumns.Ints();
        private final GrowingColumns.Bytes types = new GrowingColumns.Bytes();
        private final GrowingColumns.Longs exposures = new GrowingColumns.Longs();
        private final GrowingColumns.Ints positions = new GrowingColumns.Ints();
        private final GrowingColumns.Floats values = new GrowingColumns.Floats();
        private final GrowingColumns.Ints targets = new GrowingColumns.Ints();

        EventRows(Forgotten f) {
            this.f = f;
        }

        @Override
        public void accept(ResultSet rs) throws SQLException {
            int u = rs.getInt(3);
            int i = rs.getInt(4);
            int target = rs.getInt(9);
            target = rs.wasNull() ? -1 : target;
            if (f.coversEvent(u, i, target)) {
                return;
            }
            ids.add(rs.getLong(2));
            users.add(u);
            items.add(i);
            types.add(rs.getByte(5));
            long exp = rs.getLong(6);
            exposures.add(rs.wasNull() ? -1 : exp);
            positions.add(rs.getInt(7));
            values.add(rs.getFloat(8));
            targets.add(target);
        }

        @Override
        public LogReader.Events finish() {
            return new LogReader.Events(ids.toArray(), users.toArray(), items.toArray(), types.toArray(),
                    exposures.toArray(), positions.toArray(), values.toArray(), targets.toArray());
        }
    }

    /** Columns 2.. of a streamed exposures query over the row table, in storage order. */
    static final String EXPOSURE_ROW_COLUMNS = "id, user_id, item_id, position, score, propensity, source";

    /** Columns 2.. of a streamed query over the slates table, in storage order. */
    static final String SLATE_COLUMNS = "first_exposure_id, user_id, items, scores, propensities, sources";

    /**
     * The recorded click probabilities, read in exposure-id order alongside the exposures (ids
     * ascend in storage order), so a streamed read needs no join. Absent table: all unknown.
     */
    static final class TruthCursor implements AutoCloseable {
        private final java.sql.Statement st;
        private final ResultSet rs;
        private boolean onRow;

        TruthCursor(java.sql.Connection c, int last) throws SQLException {
            this(c, Integer.MIN_VALUE, last);
        }

        /** The recorded click probabilities of ticks {@code [from, to]}. */
        TruthCursor(java.sql.Connection c, int from, int to) throws SQLException {
            if (!LogSchema.hasTable(c, "exposure_truth")) {
                st = null;
                rs = null;
                return;
            }
            st = c.createStatement();
            st.setFetchSize(10_000);
            // the primary key's order: no sort
            rs = st.executeQuery("SELECT exposure_id, click_probability FROM exposure_truth WHERE tick BETWEEN "
                    + from + " AND " + to + " ORDER BY exposure_id");
            onRow = rs.next();
        }

        /** The click probability of exposure {@code id}, NaN if none; ids must be asked for ascending. */
        float at(long id) throws SQLException {
            while (onRow && rs.getLong(1) < id) {
                onRow = rs.next();
            }
            return onRow && rs.getLong(1) == id ? rs.getFloat(2) : Float.NaN;
        }

        @Override
        public void close() throws SQLException {
            if (st != null) {
                st.close();
            }
        }
    }

    /** A streamed row of the exposures table ({@link #EXPOSURE_ROW_COLUMNS}). */
    static Sink<LogReader.Exposures> exposureRowSink(Forgotten f, TruthCursor truth) {
        ExposureRows rows = new ExposureRows(f);
        return new Sink<>() {
            @Override
            public void accept(ResultSet rs) throws SQLException {
                long id = rs.getLong(2);
                rows.add(id, rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getFloat(6), rs.getFloat(7), rs.getByte(8),
                        truth.at(id));
            }

            @Override
            public LogReader.Exposures finish() {
                return rows.finish();
            }
        };
    }

    /**
     * A streamed row of the slates table ({@link #SLATE_COLUMNS}) as its exposures, with the
     * exposures view's rules: position p has id first + p, a NULL propensities array means all 1, a
     * NULL sources array all from the recommender (0).
     */
    static Sink<LogReader.Exposures> slateRowSink(Forgotten f, TruthCursor truth) {
        ExposureRows rows = new ExposureRows(f);
        return new Sink<>() {
            @Override
            public void accept(ResultSet rs) throws SQLException {
                long first = rs.getLong(2);
                int u = rs.getInt(3);
                Object[] items = (Object[]) rs.getArray(4).getArray();
                Object[] scores = (Object[]) rs.getArray(5).getArray();
                java.sql.Array pa = rs.getArray(6);
                Object[] props = pa == null ? null : (Object[]) pa.getArray();
                java.sql.Array sa = rs.getArray(7);
                Object[] sources = sa == null ? null : (Object[]) sa.getArray();
                for (int p = 0; p < items.length; p++) {
                    float prop = props == null || props[p] == null ? 1f : ((Number) props[p]).floatValue();
                    byte src = sources == null || sources[p] == null ? 0 : ((Number) sources[p]).byteValue();
                    rows.add(first + p, u, ((Number) items[p]).intValue(), p, ((Number) scores[p]).floatValue(), prop,
                            src, truth.at(first + p));
                }
            }

            @Override
            public LogReader.Exposures finish() {
                return rows.finish();
            }
        };
    }
}
