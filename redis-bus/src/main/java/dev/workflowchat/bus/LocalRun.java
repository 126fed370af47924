package dev.workflowchat.bus;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a service runs locally (a developer's machine, ./run.sh, the tests), where empty
 * passwords and a Redis without authentication are fine: as configured ({@code WFCHAT_LOCAL_RUN}),
 * else when every datastore it talks to is on this machine (a loopback address). Anything else
 * is a deployment, and held to its safety checks.
 */
public final class LocalRun {

    private LocalRun() {
    }

    public static boolean decide(Optional<Boolean> configured, List<String> datastoreUris) {
        return configured.orElseGet(() -> datastoreUris.stream().allMatch(LocalRun::isLoopback));
    }

    /** Whether the URI names a host on this machine; an unreadable one does not. */
    static boolean isLoopback(String uri) {
        String host = hostOf(uri);
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /** The host of a datastore URI, with or without a {@code jdbc:} prefix; null when there is none. */
    public static String hostOf(String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        String plain = uri.strip().startsWith("jdbc:") ? uri.strip().substring("jdbc:".length()) : uri.strip();
        try {
            String host = URI.create(plain.split(",")[0]).getHost();
            return host == null || host.isEmpty() ? null : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
