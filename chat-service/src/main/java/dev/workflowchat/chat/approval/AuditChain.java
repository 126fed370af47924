package dev.workflowchat.chat.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The audit trail's chain: an entry's canonical JSON (keys sorted at every level, no spaces,
 * times as ISO-8601 text) and its hash, SHA-256 over the previous hash and that JSON, in hex.
 * The first entry's previous hash is {@link #GENESIS}.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private AuditChain() {
    }

    public static String canonical(Map<String, Object> entry) {
        try {
            // through a tree, so maps nested at any depth are sorted too
            return CANONICAL.writeValueAsString(CANONICAL.readValue(CANONICAL.writeValueAsString(entry), Map.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit entry could not be written as JSON", e);
        }
    }

    public static String hash(String previousHash, String canonicalEntry) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previousHash.getBytes(StandardCharsets.UTF_8));
            sha.update(canonicalEntry.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
