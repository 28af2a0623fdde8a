package org.recloop.core.log;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * What a run's row says about how the run was made and how it ended: the scenario as written
 * and as resolved, the code and its commit, the scenario's hash and the outcome. Read by
 * {@link LogReader#record()} for documents that must say where data came from (dataset cards).
 *
 * @param name scenario name
 * @param seed run seed
 * @param scenarioText the scenario file as written ("" when not recorded)
 * @param resolvedConfig the scenario after defaults and overrides, JSON ("" when not recorded)
 * @param codeVersion RecLoop version that ran it
 * @param commit the source commit (empty when built without git)
 * @param modified whether that checkout had uncommitted changes (empty: unknown)
 * @param javaVersion the Java that ran it ("" when not recorded)
 * @param scenarioSha256 SHA-256 of the scenario text ("" when not recorded)
 * @param status a {@link RunStatus} label; {@code running} for a run still going or killed
 * @param error the error text of a run that did not finish, or ""
 * @param lastCommittedTick the last tick committed as a whole, -1 if none
 */
public record RunRecord(String name, long seed, String scenarioText, String resolvedConfig, String codeVersion,
        Optional<String> commit, Optional<Boolean> modified, String javaVersion, String scenarioSha256,
        String status, String error, int lastCommittedTick) {

    static RunRecord read(Connection c) throws SQLException {
        boolean provenance = LogSchema.hasColumn(c, "runs", "scenario_sha256");
        String cols = "name, seed, scenario, resolved_config, code_version, status, error, last_committed_tick"
                + (provenance ? ", code_commit, code_modified, java_version, scenario_sha256" : "");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + cols + " FROM runs")) {
            if (!rs.next()) {
                throw new LogReadException("no run recorded in the database");
            }
            Optional<String> commit = Optional.empty();
            Optional<Boolean> modified = Optional.empty();
            String java = "";
            String sha = "";
            if (provenance) {
                commit = Optional.ofNullable(rs.getString(9));
                boolean m = rs.getBoolean(10);
                modified = rs.wasNull() ? Optional.empty() : Optional.of(m);
                java = orEmpty(rs.getString(11));
                sha = orEmpty(rs.getString(12));
            }
            return new RunRecord(orEmpty(rs.getString(1)), rs.getLong(2), orEmpty(rs.getString(3)),
                    orEmpty(rs.getString(4)), orEmpty(rs.getString(5)), commit, modified, java, sha,
                    orEmpty(rs.getString(6)), orEmpty(rs.getString(7)), rs.getInt(8));
        }
    }

    /** True if the run did all its ticks. */
    public boolean finished() {
        return RunStatus.FINISHED.label().equals(status);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
