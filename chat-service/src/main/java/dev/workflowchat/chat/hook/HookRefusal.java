package dev.workflowchat.chat.hook;

import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.ProtocolException;
import java.time.Duration;

/**
 * A hook request refused, nothing done: the problem its sender is answered with, the reason it is
 * counted under ({@code wfchat.hooks.rejected}), and for {@code rate_limited} when to try again.
 */
public final class HookRefusal extends ProtocolException {

    private final String reason;
    private final Duration retryAfter;

    private HookRefusal(ErrorCode code, String reason, String detail, Duration retryAfter) {
        super(code, detail);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /** The same answer for an unknown and a revoked secret: which one it was is nobody's business. */
    static HookRefusal unknown() {
        return new HookRefusal(ErrorCode.NOT_FOUND, "unknown_hook", "no such hook", null);
    }

    static HookRefusal badSignature(String detail) {
        return new HookRefusal(ErrorCode.UNAUTHORIZED, "bad_signature", detail, null);
    }

    static HookRefusal rateLimited(Duration retryAfter) {
        return new HookRefusal(ErrorCode.RATE_LIMITED, "rate_limited",
                "too many requests for this hook; try again in " + seconds(retryAfter) + " s", retryAfter);
    }

    static HookRefusal malformed(String detail) {
        return new HookRefusal(ErrorCode.BAD_REQUEST, "malformed", detail, null);
    }

    static HookRefusal empty() {
        return new HookRefusal(ErrorCode.BAD_REQUEST, "empty", "text is required and may not be blank", null);
    }

    static HookRefusal oversized(String detail) {
        return new HookRefusal(ErrorCode.TOO_LARGE, "too_large", detail, null);
    }

    static HookRefusal unsupportedType() {
        return new HookRefusal(ErrorCode.UNSUPPORTED_TYPE, "unsupported_type",
                "send application/json, or application/x-www-form-urlencoded with payload=<json>", null);
    }

    public String reason() {
        return reason;
    }

    /** Whole seconds to wait, rounded up (at least 1); null unless rate limited. */
    public Long retryAfterSeconds() {
        return retryAfter == null ? null : seconds(retryAfter);
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
