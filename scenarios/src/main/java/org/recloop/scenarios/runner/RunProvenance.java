package org.recloop.scenarios.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.recloop.core.log.Provenance;
import org.recloop.scenarios.schema.ResolvedScenario;

/**
 * Collects a run's {@link Provenance}: the commit and tree state the jar was built from (written
 * into {@code recloop-version.properties} by the build's git-commit-id plugin; unknown when the
 * build had no git checkout), the running Java, the SHA-256 of the scenario text and of every
 * data file the scenario named, hashed when the run starts.
 */
public final class RunProvenance {

    private static final Properties BUILD = load();

    private RunProvenance() {}

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = RunProvenance.class.getResourceAsStream("/recloop-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable build file leaves every field unknown, which the run records as such
        }
        return p;
    }

    /** A build property, empty when absent or left unfiltered (a build without git). */
    private static Optional<String> build(String key) {
        String v = BUILD.getProperty(key, "").strip();
        return v.isEmpty() || v.startsWith("${") ? Optional.empty() : Optional.of(v);
    }

    /** The RecLoop version (Maven project version), or "unknown". */
    public static String version() {
        return build("version").orElse("unknown");
    }

    /** The commit the running code was built from. */
    public static Optional<String> commit() {
        return build("commit");
    }

    /** Whether the checkout had uncommitted changes when it was built. */
    public static Optional<Boolean> modified() {
        return build("dirty").map(Boolean::parseBoolean);
    }

    /** The provenance of a run of {@code rs}, hashing its data files now. */
    public static Provenance of(ResolvedScenario rs) {
        List<Provenance.InputFile> inputs = new ArrayList<>();
        for (Map.Entry<Path, String> e : rs.inputs().inOrder()) {
            Path f = e.getKey();
            if (Files.isRegularFile(f)) {
                inputs.add(new Provenance.InputFile(e.getValue(), f.toString(), Optional.of(sha256(f)), size(f)));
            } else {
                // e.g. an LLM response cache that this run will create
                inputs.add(new Provenance.InputFile(e.getValue(), f.toString(), Optional.empty(), -1));
            }
        }
        return new Provenance(commit(), modified(), Provenance.runningJava(),
                hex(digest().digest(rs.text().getBytes(StandardCharsets.UTF_8))), inputs);
    }

    /** SHA-256 of a file's bytes, in hex. */
    static String sha256(Path file) {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash input file " + file + ": " + e.getMessage(), e);
        }
        return hex(md.digest());
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return -1;
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
