package dev.workflowchat.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

/** The codes of an {@code error} frame and of REST problem bodies. */
public enum ErrorCode {
    BAD_REQUEST,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    RATE_LIMITED,
    TOO_LARGE,
    /** An upload whose content is not one of the accepted file types. */
    UNSUPPORTED_TYPE,
    UNAVAILABLE,
    /**
     * What was asked for is no longer kept: a {@code resume} from before the change log's
     * retention. The client reloads (history) and continues from {@code ready}'s {@code last_seq}.
     */
    GONE,
    INTERNAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
