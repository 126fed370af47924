package dev.workflowchat.chat.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.workflowchat.protocol.ErrorCode;

/** An RFC 9457 problem body; {@code code} is the same code a WebSocket error frame would carry. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, ErrorCode code) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, ErrorCode code, String detail) {
        return new Problem("about:blank", title(status), status, detail, code);
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
