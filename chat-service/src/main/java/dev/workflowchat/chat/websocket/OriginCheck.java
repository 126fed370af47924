package dev.workflowchat.chat.websocket;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.security.SessionIdentityProvider;
import dev.workflowchat.chat.security.SessionTokens;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Guards the {@code /ws} upgrade: anonymous → 401; a browser page from a foreign origin → 403
 * (a cookie alone must not let another site open a socket as the user). Clients that send no
 * {@code Origin} (agents, tools) are not browsers and pass on their token alone.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    private final ChatConfig config;

    public OriginCheck(ChatConfig config) {
        this.config = config;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return ChatWebSocket.ENDPOINT_ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return context.securityIdentity().chain(identity -> {
            if (identity == null || identity.isAnonymous()) {
                return CheckResult.rejectUpgrade(401);
            }
            HttpServerRequest request = context.httpRequest();
            String origin = request.getHeader("Origin");
            if (origin != null && !isAllowed(origin, request.getHeader("Host"), config.allowedOrigins().orElse(List.of()))) {
                Log.warnf("refused a WebSocket upgrade from origin %s", origin);
                return CheckResult.rejectUpgrade(403);
            }
            String token = identity.getAttribute(SessionIdentityProvider.TOKEN_ATTRIBUTE);
            context.userData().put(ClientSession.KEY, new ClientSession(
                    SessionIdentityProvider.userOf(identity), SessionTokens.hash(token),
                    new FrameRateLimiter(config.websocket().framesPerSecond(), config.websocket().frameBurst(),
                            System.nanoTime()), System.nanoTime()));
            return CheckResult.permitUpgrade();
        });
    }

    /** With a configured list, exactly those origins; without one, the origin whose authority is our Host. */
    static boolean isAllowed(String origin, String host, List<String> allowed) {
        String normalised = origin.toLowerCase(Locale.ROOT);
        if (!allowed.isEmpty()) {
            return allowed.stream().anyMatch(entry -> entry.strip().toLowerCase(Locale.ROOT).equals(normalised));
        }
        return host != null && host.equalsIgnoreCase(authorityOf(normalised));
    }

    private static String authorityOf(String origin) {
        try {
            return URI.create(origin).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
