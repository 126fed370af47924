package dev.workflowchat.chat.keys;

import dev.workflowchat.protocol.ErrorCode;

/**
 * Why a request with an agent key was refused before anything was done: a 401 (unknown, revoked,
 * expired) or a 429 (over the key's rate, with the seconds to wait). The security layer answers it
 * as a problem body; to Quarkus's security it is the cause of an {@code AuthenticationFailedException}.
 */
public class AgentKeyRefused extends RuntimeException {

    private final int status;
    private final ErrorCode code;
    private final long retryAfterSeconds;

    AgentKeyRefused(int status, ErrorCode code, String detail, long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static AgentKeyRefused unauthorized(String detail) {
        return new AgentKeyRefused(401, ErrorCode.UNAUTHORIZED, detail, 0);
    }

    static AgentKeyRefused rateLimited(String detail, long retryAfterSeconds) {
        return new AgentKeyRefused(429, ErrorCode.RATE_LIMITED, detail, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    /** Seconds to wait before trying again; 0 for a refusal that waiting won't cure. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
