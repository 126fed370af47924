package dev.workflowchat.protocol;

/** Sizes the contract promises to accept, and refuses beyond. */
public final class Limits {

    /** Markdown content of one message, in characters. */
    public static final int MAX_CONTENT_CHARS = 40_000;

    /** One WebSocket frame from a client, in bytes of UTF-8. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;

    /** Messages in one history page. */
    public static final int MAX_HISTORY_LIMIT = 200;

    /** Messages in a history page when the client does not say. */
    public static final int DEFAULT_HISTORY_LIMIT = 50;

    /** A client's frame reference, echoed back in ack and error. */
    public static final int MAX_REF_CHARS = 128;

    /** A reaction: one emoji sequence or a :short_name:. */
    public static final int MAX_REACTION_CHARS = 64;

    /** Different reactions on one message: each is in every frame about the message's reactions. */
    public static final int MAX_DISTINCT_REACTIONS = 20;

    /** One uploaded file, in bytes. */
    public static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024;

    /** An uploaded image's declared width × height; larger ones could exhaust memory when decoded. */
    public static final long MAX_IMAGE_PIXELS = 40_000_000L;

    private Limits() {
    }
}
