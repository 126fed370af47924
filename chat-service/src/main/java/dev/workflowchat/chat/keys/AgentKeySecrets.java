package dev.workflowchat.chat.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret of an agent key: {@code wfk_} and 256 random bits. Only its SHA-256 is stored. A
 * plain fast hash is right here, unlike for passwords: the secret is random and long, so there is
 * nothing to guess from its hash, and a slow hash (bcrypt) would cost every MCP request its time.
 * The hash is also the lookup key, so no comparison of secrets ever runs in our code.
 */
public final class AgentKeySecrets {

    /** Every agent key starts so: the authentication mechanisms tell an agent key from a session token by it. */
    public static final String PREFIX = "wfk_";
    /** How much of a key is shown to tell keys apart (the prefix and 8 characters: 48 of the 256 bits). */
    static final int SHOWN_CHARS = PREFIX.length() + 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private AgentKeySecrets() {
    }

    public static boolean looksLikeKey(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String shown(String key) {
        return key.substring(0, Math.min(SHOWN_CHARS, key.length()));
    }

    static String hash(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
