package dev.workflowchat.chat.rest;

import dev.workflowchat.protocol.ProtocolException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads numeric and time query parameters with a 400 that says what is wrong. */
final class QueryParams {

    private QueryParams() {
    }

    static Long optionalLong(String name, String value, long min, long max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ProtocolException.badRequest(name + " must be a whole number");
        }
        if (parsed < min || parsed > max) {
            throw ProtocolException.badRequest(name + " must be " + min + " to " + max);
        }
        return parsed;
    }

    /** An ISO-8601 time given as {@code name}, or null when none was given. */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProtocolException.badRequest(name + " must be an ISO-8601 time, like 2026-12-03T10:00:00Z");
        }
    }
}
