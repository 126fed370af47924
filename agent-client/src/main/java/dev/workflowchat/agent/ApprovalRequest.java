package dev.workflowchat.agent;

import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.Limits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A request for a person's decision. Its {@code id} becomes the approval's id, so keep it to
 * cancel the request or to await its decision again after a restart.
 */
public record ApprovalRequest(String id, String requestType, String title, Map<String, Object> payload,
                              String channel, Duration expiresIn) {

    /** The request types the chat renders specially; any other lower-case word shows its payload. */
    public static final String CODE_CHANGE = "code_change";
    public static final String STATE_TRANSITION = "state_transition";
    public static final String PARALLEL_EXECUTION = "parallel_execution";
    public static final String BATCH_CHANGES = "batch_changes";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern REQUEST_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Duration MIN_EXPIRY = Duration.ofSeconds(10);
    private static final Duration MAX_EXPIRY = Duration.ofDays(7);

    public ApprovalRequest {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("approval id must be 1-128 of A-Z a-z 0-9 . _ : -, got: " + id);
        }
        if (requestType == null || !REQUEST_TYPE.matcher(requestType).matches()) {
            throw new IllegalArgumentException("request type must be a lower-case word such as code_change, got: "
                    + requestType);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title must not be null or blank");
        }
        if (title.length() > Limits.MAX_CONTENT_CHARS) {
            throw new IllegalArgumentException("title longer than " + Limits.MAX_CONTENT_CHARS + " characters");
        }
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null (use Map.of() for none)");
        }
        // A copy that keeps the caller's order (files before diff reads better) and tolerates nested nulls.
        payload = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(payload));
        if (channel != null && !ChannelNames.isValidChannelOrDm(channel)) {
            throw new IllegalArgumentException("invalid channel name: " + channel);
        }
        if (expiresIn != null && (expiresIn.compareTo(MIN_EXPIRY) < 0 || expiresIn.compareTo(MAX_EXPIRY) > 0)) {
            throw new IllegalArgumentException("expiresIn must be between 10 seconds and 7 days, got: " + expiresIn);
        }
    }

    /** A request with a fresh id, shown in the chat's default channel ({@code workflow}); null expiry: the chat's default. */
    public static ApprovalRequest of(String requestType, String title, Map<String, ?> payload, Duration expiresIn) {
        return new ApprovalRequest(newId(), requestType, title, payload == null ? null : new LinkedHashMap<>(payload),
                null, expiresIn);
    }

    /** The same request, shown in {@code channel}. */
    public ApprovalRequest inChannel(String channel) {
        return new ApprovalRequest(id, requestType, title, payload, channel, expiresIn);
    }

    /** Short enough to type in {@code /approve <id>}, random enough never to repeat. */
    static String newId() {
        return "ap-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
