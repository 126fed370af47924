package dev.workflowchat.chat.websocket;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.delivery.ClientSession;
import dev.workflowchat.chat.delivery.ConnectionFanout;
import dev.workflowchat.chat.security.SameOrigin;
import dev.workflowchat.chat.security.SessionIdentityProvider;
import dev.workflowchat.chat.security.SessionTokens;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Guards the {@code /ws} upgrade: anonymous → 401; a browser page from a foreign origin → 403
 * (a cookie alone must not let another site open a socket as the user); a person with as many
 * sockets open here as they may have → 429. Clients that send no {@code Origin} (agents, tools)
 * are not browsers and pass on their token alone.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    private static final Pattern FEATURE = Pattern.compile("[a-z_]{1,32}");

    private final ChatConfig config;
    private final UserConnections userConnections;

    public OriginCheck(ChatConfig config, UserConnections userConnections) {
        this.config = config;
        this.userConnections = userConnections;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return ConnectionFanout.ENDPOINT_ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return context.securityIdentity().chain(identity -> {
            if (identity == null || identity.isAnonymous()) {
                return CheckResult.rejectUpgrade(401);
            }
            HttpServerRequest request = context.httpRequest();
            String origin = request.getHeader("Origin");
            if (origin != null && !SameOrigin.isAllowed(origin, request.scheme(), request.getHeader("Host"),
                    config.allowedOrigins().orElse(List.of()))) {
                Log.warnf("refused a WebSocket upgrade from origin %s", origin);
                return CheckResult.rejectUpgrade(403);
            }
            ChatUser user = SessionIdentityProvider.userOf(identity);
            if (!userConnections.mayOpen(user.username())) {
                Log.debugf("refused a WebSocket upgrade of %s: as many sockets open as allowed", user.username());
                return CheckResult.rejectUpgrade(429);
            }
            String token = identity.getAttribute(SessionIdentityProvider.TOKEN_ATTRIBUTE);
            context.userData().put(ClientSession.KEY, new ClientSession(user, SessionTokens.hash(token),
                    System.nanoTime(), features(request.getParam("features"))));
            return CheckResult.permitUpgrade();
        });
    }

    /** The optional features a client asks for ({@code ?features=reaction_deltas}); unknown names are ignored. */
    static Set<String> features(String asked) {
        if (asked == null || asked.length() > 256) {
            return Set.of();
        }
        return Arrays.stream(asked.split(","))
                .map(String::strip)
                .filter(feature -> FEATURE.matcher(feature).matches())
                .collect(Collectors.toUnmodifiableSet());
    }
}
