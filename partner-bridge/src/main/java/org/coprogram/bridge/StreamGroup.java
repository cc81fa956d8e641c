package org.coprogram.bridge;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The Kafka consumer group of a partner's stream: {@code sse-<account>} or {@code sse-<account>.<name>}.
 * <p>
 * Two different (account, name) pairs never give the same group, or one partner would resume, and steal, another's
 * stream: with {@code -} between them, account {@code partner-a} with name {@code x} was account {@code partner-a-x}
 * without one. So the account keeps only {@code A-Z a-z 0-9 -} as they are and writes every other byte of its UTF-8 as
 * {@code _} and two hex digits, the name has no {@code .}, and {@code .} separates them: it occurs in neither part.
 */
final class StreamGroup {

    static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}");
    private static final String PREFIX = "sse-";
    private static final char SEPARATOR = '.';

    private StreamGroup() {
    }

    /** @param name a name that {@link #NAME} matches, or null for the account's default stream */
    static String of(String account, String name) {
        if (name != null && !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a stream name: " + name);
        }
        return PREFIX + account(account) + (name == null ? "" : SEPARATOR + name);
    }

    static String account(String account) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : account.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-')) {
                encoded.append(c);
            } else {
                encoded.append('_').append(String.format("%02x", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
