package org.recloop.core.log;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The runs table's provenance columns (code_commit, code_modified, java_version, scenario_sha256,
 * input_files): how a {@link Provenance} is stored. input_files is JSON, one object per file
 * ({@code field}, {@code path}, {@code sha256} or null when the file was absent, {@code bytes}),
 * so it can be read with any JSON tool or H2's JSON functions without a second table.
 */
final class ProvenanceColumns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProvenanceColumns() {}

    /** Binds the five columns starting at parameter {@code first}. */
    static void bind(PreparedStatement ps, int first, Provenance p) throws SQLException {
        if (p.commit().isPresent()) {
            ps.setString(first, p.commit().get());
        } else {
            ps.setNull(first, Types.VARCHAR);
        }
        if (p.modified().isPresent()) {
            ps.setBoolean(first + 1, p.modified().get());
        } else {
            ps.setNull(first + 1, Types.BOOLEAN);
        }
        ps.setString(first + 2, p.javaVersion());
        ps.setString(first + 3, p.scenarioSha256().isEmpty() ? null : p.scenarioSha256());
        ps.setString(first + 4, inputsJson(p));
    }

    static String inputsJson(Provenance p) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (Provenance.InputFile f : p.inputs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", f.field());
            m.put("path", f.path());
            m.put("sha256", f.sha256().orElse(null));
            m.put("bytes", f.bytes());
            files.add(m);
        }
        try {
            return JSON.writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write input_files as JSON", e); // strings and numbers only
        }
    }
}
