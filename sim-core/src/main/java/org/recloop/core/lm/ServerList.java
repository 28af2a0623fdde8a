package org.recloop.core.lm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.recloop.core.config.InvalidParameterException;
import org.recloop.core.world.io.TextFiles;

/**
 * The servers of one chat model as a scenario names them: {@code baseUrl} (one server), {@code
 * baseUrls} (a list) or {@code baseUrlsFile} (a UTF-8 file with one URL a line; blank lines and
 * lines starting with {@code #} are skipped, so a cluster's launcher can write it). The LLM users'
 * {@code provider:} section and the LLM recommender's {@code model:} section both check and resolve
 * their fields here, so they accept the same fields with the same errors.
 */
public final class ServerList {

    /** More servers than this is a mistake (a file of the wrong thing), not a cluster. */
    public static final int MAX_SERVERS = 256;

    private ServerList() {}

    /**
     * Checks the fields as the scenario loads (the file is read later, when its path can be
     * resolved against the scenario's folder).
     *
     * @throws InvalidParameterException naming the field: more than one set, an empty list, a URL
     *     that is not http(s), a duplicate
     */
    public static void check(String baseUrl, List<String> baseUrls, String baseUrlsFile) {
        int set = (baseUrl != null ? 1 : 0) + (baseUrls != null ? 1 : 0) + (baseUrlsFile != null ? 1 : 0);
        if (set > 1) {
            throw new InvalidParameterException("baseUrls", "set only one of baseUrl, baseUrls, baseUrlsFile");
        }
        if (baseUrl != null) {
            url("baseUrl", baseUrl);
        }
        if (baseUrls != null) {
            distinct("baseUrls", baseUrls);
        }
        if (baseUrlsFile != null && baseUrlsFile.isBlank()) {
            throw new InvalidParameterException("baseUrlsFile", "must not be blank");
        }
    }

    /**
     * The servers in the scenario's order.
     *
     * @param files resolves the file's path against the scenario's folder (and notes it as an input)
     * @throws InvalidParameterException naming {@code baseUrlsFile}, the file and the reason (no such
     *     file, not UTF-8 text, no URL in it, a bad or duplicate line)
     */
    public static List<String> resolve(String baseUrl, List<String> baseUrls, String baseUrlsFile,
            Function<String, Path> files) {
        if (baseUrls != null) {
            return List.copyOf(baseUrls);
        }
        if (baseUrlsFile == null) {
            return List.of(baseUrl);
        }
        return read(files.apply(baseUrlsFile));
    }

    /** The URLs of a file, one a line. */
    static List<String> read(Path file) {
        String at = "baseUrlsFile";
        TextFiles.problem(file).ifPresent(why -> {
            throw new InvalidParameterException(at, file + ": " + why);
        });
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidParameterException(at, file + ": " + TextFiles.reason(e));
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                url(at + " (" + file + ", line " + (i + 1) + ")", l);
                urls.add(l);
            }
        }
        if (urls.isEmpty()) {
            throw new InvalidParameterException(at, file + ": names no server (one http(s) URL a line)");
        }
        distinct(at + " (" + file + ")", urls);
        return List.copyOf(urls);
    }

    private static void distinct(String field, List<String> urls) {
        if (urls.isEmpty()) {
            throw new InvalidParameterException(field, "must name at least one server");
        }
        if (urls.size() > MAX_SERVERS) {
            throw new InvalidParameterException(field, "at most " + MAX_SERVERS + " servers, was " + urls.size());
        }
        Set<String> seen = new HashSet<>();
        for (String u : urls) {
            url(field, u);
            if (!seen.add(u)) {
                throw new InvalidParameterException(field, "names " + TextFiles.quote(u) + " twice");
            }
        }
    }

    private static void url(String field, String url) {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new InvalidParameterException(field, "must start with http:// or https://, was "
                    + (url == null ? "null" : TextFiles.quote(url)));
        }
    }
}
