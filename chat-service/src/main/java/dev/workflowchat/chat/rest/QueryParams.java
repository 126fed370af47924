package dev.workflowchat.chat.rest;

import dev.workflowchat.protocol.ProtocolException;

/** Reads numeric query parameters with a 400 that says what is wrong. */
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
}
