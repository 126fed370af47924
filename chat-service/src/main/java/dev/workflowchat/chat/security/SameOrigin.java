package dev.workflowchat.chat.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may act here: the WebSocket upgrade and every state-changing REST call
 * that names one ({@code Origin}). A cookie alone must not let another site act as the person.
 */
public final class SameOrigin {

    private SameOrigin() {
    }

    /**
     * With a configured list ({@code WFCHAT_ALLOWED_ORIGINS}), exactly those origins; without one,
     * the origin of this very service: our Host, and the scheme the request came by (behind a TLS
     * proxy, its X-Forwarded-Proto), so a page served over plain http can't act on the https site
     * of the same host.
     */
    public static boolean isAllowed(String origin, String scheme, String host, List<String> allowed) {
        String normalised = origin.toLowerCase(Locale.ROOT);
        if (!allowed.isEmpty()) {
            return allowed.stream().anyMatch(entry -> entry.strip().toLowerCase(Locale.ROOT).equals(normalised));
        }
        try {
            URI uri = URI.create(normalised);
            return host != null && host.equalsIgnoreCase(uri.getRawAuthority())
                    && scheme != null && scheme.equalsIgnoreCase(uri.getScheme());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
