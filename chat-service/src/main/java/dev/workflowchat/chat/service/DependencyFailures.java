package dev.workflowchat.chat.service;

import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/** Tells a passing failure of a dependency (database down, connection lost) from a real fault. */
public final class DependencyFailures {

    private DependencyFailures() {
    }

    /** True when trying again later may succeed: the work itself was not at fault. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException
                    || cause instanceof TimeoutException || cause instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            String message = cause.getMessage();
            if (message != null && (message.contains("Connection refused") || message.contains("Pool closed")
                    || message.contains("Connection reset") || message.contains("the database system is"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
