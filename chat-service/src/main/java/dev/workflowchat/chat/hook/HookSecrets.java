package dev.workflowchat.chat.hook;

import dev.workflowchat.chat.security.SessionTokens;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A hook's secrets: made up at random, its URL's kept as a hash, GitHub's signature checked in constant time. */
final class HookSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SIGNATURE_PREFIX = "sha256=";

    private HookSecrets() {
    }

    /** 256 random bits, URL-safe: a URL path segment or a secret to paste into GitHub. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        return SessionTokens.hash(secret);
    }

    /**
     * Whether {@code header} ({@code X-Hub-Signature-256: sha256=<hex>}) is the HMAC-SHA256 of the
     * raw body under {@code signingSecret}. The comparison takes as long whatever bytes differ.
     */
    static boolean signatureMatches(String signingSecret, byte[] body, String header) {
        if (header == null || !header.startsWith(SIGNATURE_PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(SIGNATURE_PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(signingSecret, body), given);
    }

    /** The header GitHub would send for this body: for tests and the documentation's examples. */
    static String signature(String signingSecret, byte[] body) {
        return SIGNATURE_PREFIX + HexFormat.of().formatHex(hmac(signingSecret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
