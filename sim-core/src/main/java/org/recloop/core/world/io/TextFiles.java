package org.recloop.core.world.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What is wrong with a text file RecLoop is about to read (data files, scenarios), said in words a
 * person can act on: a UTF-16 file (spreadsheet programs' "Unicode text") or a binary file would
 * otherwise fail deep in a decoder with "Input length = 1". The first {@link #SNIFF} bytes are
 * checked before reading; an invalid byte later in the file is reported by {@link #reason}.
 */
public final class TextFiles {

    /** Bytes looked at before reading. */
    static final int SNIFF = 64 * 1024;
    /** Quoted values are cut to this many characters. */
    static final int QUOTE = 80;
    private static final String EXPECTED = "RecLoop reads UTF-8 text";

    private TextFiles() {}

    /** Why {@code file} cannot be read as UTF-8 text, or empty when it looks fine. */
    public static Optional<String> problem(Path file) {
        if (Files.isDirectory(file)) {
            return Optional.of("is a folder, not a file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF);
        } catch (IOException e) {
            return Optional.of(reason(e));
        }
        return problem(head);
    }

    /** Why these first bytes of a file are not UTF-8 text, or empty. */
    static Optional<String> problem(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
            return Optional.of("looks like UTF-16 (byte-order mark FF FE); " + EXPECTED);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
            return Optional.of("looks like UTF-16 (byte-order mark FE FF); " + EXPECTED);
        }
        for (int i = 0; i < head.length; i++) {
            if (head[i] == 0) {
                return Optional.of("looks binary (NUL byte at offset " + i + "); " + EXPECTED);
            }
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(head);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            // endOfInput false: a character cut by the end of the sniffed bytes is not an error
            CoderResult r = d.decode(in, out, false);
            if (r.isError()) {
                return Optional.of(String.format(Locale.ROOT, "is not UTF-8 text (byte %02X at offset %d); %s",
                        head[in.position()] & 0xff, in.position(), EXPECTED));
            }
            if (r.isUnderflow()) {
                return Optional.empty();
            }
            out.clear();
        }
    }

    /** A reading error in words: no such file, permission denied, not UTF-8, or the system's message. */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof MalformedInputException || e instanceof CharacterCodingException) {
            return "is not UTF-8 text (an invalid byte sequence); " + EXPECTED;
        }
        String m = e.getMessage();
        return "cannot read: " + (m == null || m.isBlank() ? "input/output error" : m);
    }

    /**
     * A value for an error message, in single quotes, cut to {@value #QUOTE} characters with its
     * length after it ("… (N chars)"): a 50 MB field must not become a 50 MB message.
     */
    public static String quote(String value) {
        if (value.length() <= QUOTE) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, QUOTE) + "…' (" + value.length() + " chars)";
    }
}
