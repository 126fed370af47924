package dev.workflowchat.protocol;

/** Input that breaks the contract, with the code the client is answered with. */
public class ProtocolException extends RuntimeException {

    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static ProtocolException badRequest(String message) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, message);
    }

    public static ProtocolException notFound(String message) {
        return new ProtocolException(ErrorCode.NOT_FOUND, message);
    }

    public static ProtocolException forbidden(String message) {
        return new ProtocolException(ErrorCode.FORBIDDEN, message);
    }

    public static ProtocolException conflict(String message) {
        return new ProtocolException(ErrorCode.CONFLICT, message);
    }

    public static ProtocolException rateLimited(String message) {
        return new ProtocolException(ErrorCode.RATE_LIMITED, message);
    }

    public static ProtocolException gone(String message) {
        return new ProtocolException(ErrorCode.GONE, message);
    }

    public static ProtocolException tooLarge(String message) {
        return new ProtocolException(ErrorCode.TOO_LARGE, message);
    }
}
