package org.recloop.agents.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The response cache's key of a prompt and the prompt hash of llm_calls rows: SHA-256 (hex) of the
 * system message, a zero byte and the user message. Changing it invalidates every recorded cache.
 */
final class PromptHash {

    /** Digests primed with a system message (a few distinct system messages per run): hashed once each. */
    private static final Map<String, MessageDigest> PREFIX = new ConcurrentHashMap<>();

    private PromptHash() {}

    static String of(String system, String user) {
        try {
            MessageDigest prefix = PREFIX.get(system);
            if (prefix == null) {
                prefix = MessageDigest.getInstance("SHA-256");
                prefix.update(system.getBytes(StandardCharsets.UTF_8));
                prefix.update((byte) 0);
                if (PREFIX.size() < 16) {
                    PREFIX.putIfAbsent(system, prefix);
                }
            }
            MessageDigest md = (MessageDigest) prefix.clone();
            md.update(user.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
