package dev.workflowchat.bridge.discord;

/** Discord answered that this request can never succeed (4xx other than a rate limit): retrying is pointless. */
public class DiscordRejectedException extends RuntimeException {

    private final int status;

    public DiscordRejectedException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
