package dev.workflowchat.agent;

import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.Limits;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A request for a person's decision. Its {@code id} becomes the approval's id, so keep it to
 * cancel the request or to await its decision again after a restart. What it says of itself
 * ({@link Context}) and how it is to be decided ({@link Terms}) are optional: build them with
 * {@link #builder}; what is left unset goes out as nothing, and the chat's defaults apply.
 */
public record ApprovalRequest(String id, String requestType, String title, Map<String, Object> payload,
                              String channel, Duration expiresIn, Context context, Terms terms) {

    /** The request types the chat renders specially; any other lower-case word shows its payload. */
    public static final String CODE_CHANGE = "code_change";
    public static final String STATE_TRANSITION = "state_transition";
    public static final String PARALLEL_EXECUTION = "parallel_execution";
    public static final String BATCH_CHANGES = "batch_changes";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern REQUEST_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Duration MIN_EXPIRY = Duration.ofSeconds(10);
    private static final Duration MAX_EXPIRY = Duration.ofDays(7);

    /** How risky the agent says the request is; the chat takes {@code medium} when it is not said. */
    public enum Risk {
        LOW, MEDIUM, HIGH, CRITICAL;

        /** The name on the wire, {@code low} … {@code critical}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The risk a word names ({@code high}, any case), e.g. from an agent's settings. */
        public static Risk parse(String word) {
            for (Risk risk : values()) {
                if (risk.name().equalsIgnoreCase(word == null ? "" : word.strip())) {
                    return risk;
                }
            }
            throw new IllegalArgumentException("risk must be one of low, medium, high, critical; got: " + word);
        }
    }

    /** What becomes of a request nobody decided in time; the chat takes {@code reject} when it is not said. */
    public enum OnExpiry {
        REJECT, APPROVE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The step of a story's TDD cycle the request belongs to. */
    public enum TddPhase {
        DESIGN, TEST_RED, CODE_GREEN, REFACTOR, COMMIT
    }

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
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
        if (channel != null && !ChannelNames.isValidChannelOrDm(channel)) {
            throw new IllegalArgumentException("invalid channel name: " + channel);
        }
        if (expiresIn != null && (expiresIn.compareTo(MIN_EXPIRY) < 0 || expiresIn.compareTo(MAX_EXPIRY) > 0)) {
            throw new IllegalArgumentException("expiresIn must be between 10 seconds and 7 days, got: " + expiresIn);
        }
        context = context == null ? Context.NONE : context;
        terms = terms == null ? Terms.CHAT_DEFAULTS : terms;
    }

    /** A request without context or terms of its own, as agents wrote them before. */
    public ApprovalRequest(String id, String requestType, String title, Map<String, Object> payload, String channel,
                           Duration expiresIn) {
        this(id, requestType, title, payload, channel, expiresIn, Context.NONE, Terms.CHAT_DEFAULTS);
    }

    /** A request with a fresh id, shown in the chat's default channel ({@code workflow}); null expiry: the chat's default. */
    public static ApprovalRequest of(String requestType, String title, Map<String, ?> payload, Duration expiresIn) {
        return new ApprovalRequest(newId(), requestType, title, payload == null ? null : new LinkedHashMap<>(payload),
                null, expiresIn);
    }

    /** A request with a fresh id and an empty payload, to fill in step by step; {@link Builder#build} checks it all. */
    public static ApprovalRequestBuilder builder(String requestType, String title) {
        return new ApprovalRequestBuilder(requestType, title);
    }

    /** The same request, shown in {@code channel}. */
    public ApprovalRequest inChannel(String channel) {
        return new ApprovalRequest(id, requestType, title, payload, channel, expiresIn, context, terms);
    }

    /** Short enough to type in {@code /approve <id>}, random enough never to repeat. */
    static String newId() {
        return "ap-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * What the request says of itself besides its payload, shown on the card above the outcome; each
     * part optional (null, or no links), checked as the chat checks it.
     */
    public record Context(String reason, String command, String diff, String storyId, TddPhase tddPhase,
                          List<String> links) {

        public static final Context NONE = new Context(null, null, null, null, null, List.of());
        /** The chat refuses a longer diff as {@code too_large}. */
        public static final int DIFF_MAX = 200_000;
        public static final int REASON_MAX = 2_000;
        public static final int COMMAND_MAX = 2_000;
        public static final int STORY_ID_MAX = 64;
        public static final int LINKS_MAX = 10;
        private static final Pattern LINK = Pattern.compile("https?://[^\\s\\p{Cntrl}]{1,2000}");

        public Context {
            requireText("reason", reason, REASON_MAX, true);
            requireText("command", command, COMMAND_MAX, false);
            if (diff != null && diff.length() > DIFF_MAX) {
                throw new IllegalArgumentException("diff of " + diff.length() + " characters: the chat takes at most "
                        + DIFF_MAX + " (more is refused as too_large); attach the rest or split the change");
            }
            if (storyId != null && storyId.isEmpty()) {
                throw new IllegalArgumentException("storyId must not be empty (null for none)");
            }
            requireText("storyId", storyId, STORY_ID_MAX, false);
            links = links == null ? List.of() : List.copyOf(links);
            if (links.size() > LINKS_MAX) {
                throw new IllegalArgumentException("at most " + LINKS_MAX + " links, got " + links.size());
            }
            for (String link : links) {
                if (!LINK.matcher(link).matches()) {
                    throw new IllegalArgumentException("a link must be an http(s) address, got: " + link);
                }
            }
        }

        private static void requireText(String name, String value, int max, boolean lines) {
            if (value == null) {
                return;
            }
            if (value.length() > max) {
                throw new IllegalArgumentException(name + " longer than " + max + " characters");
            }
            if (value.chars().anyMatch(c -> Character.isISOControl(c) && !(lines && (c == '\n' || c == '\t')))) {
                throw new IllegalArgumentException(name + (lines ? " must be text without control characters"
                        : " must be one line without control characters"));
            }
        }
    }

    /**
     * How the request is to be decided; null parts leave it to the chat ({@code medium} risk, one
     * approval, rejected on expiry, escalated to the admins).
     */
    public record Terms(Risk risk, Integer requiredApprovals, OnExpiry onExpiry, String escalateTo) {

        public static final Terms CHAT_DEFAULTS = new Terms(null, null, null, null);
        public static final int MAX_REQUIRED_APPROVALS = 5;
        /** Every admin: the chat's default target of an escalation. */
        public static final String ADMINS = "role:admin";
        private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{2,32}");

        public Terms {
            if (requiredApprovals != null && (requiredApprovals < 1 || requiredApprovals > MAX_REQUIRED_APPROVALS)) {
                throw new IllegalArgumentException("requiredApprovals must be between 1 and " + MAX_REQUIRED_APPROVALS
                        + ", got: " + requiredApprovals);
            }
            if (onExpiry == OnExpiry.APPROVE && risk != Risk.LOW) {
                throw new IllegalArgumentException("onExpiry APPROVE is allowed only for LOW risk, and this request's risk is "
                        + (risk == null ? "MEDIUM (the default)" : risk) + ": silence may approve only what can't hurt");
            }
            if (escalateTo != null && !ADMINS.equals(escalateTo) && !USERNAME.matcher(escalateTo).matches()) {
                throw new IllegalArgumentException("escalateTo must be a username (2-32 of a-z 0-9 . - _) or "
                        + ADMINS + ", got: " + escalateTo);
            }
        }
    }
}
