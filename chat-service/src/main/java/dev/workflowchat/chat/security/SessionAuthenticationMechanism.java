package dev.workflowchat.chat.security;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.keys.AgentKeySecrets;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads the session token from the {@code Authorization: Bearer} header or the session cookie.
 * A missing, unknown or expired token leaves the request anonymous, so public pages (and login
 * itself) still work with a stale cookie; protected paths then answer 401.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String TOKEN_TYPE = "wfchat-session";
    private static final String BEARER = "Bearer ";

    private final ChatConfig config;

    public SessionAuthenticationMechanism(ChatConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = token(context);
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new TokenCredential(token, TOKEN_TYPE));
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request)
                .onFailure(io.quarkus.security.AuthenticationFailedException.class).recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"wfchat\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    /** The token the request carries: the header wins over the cookie. */
    public String token(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            // an agent key is AgentKeyAuthenticationMechanism's: it is never looked up as a session
            return token.isEmpty() || AgentKeySecrets.looksLikeKey(token) ? null : token;
        }
        Cookie cookie = context.request().getCookie(config.session().cookieName());
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }
}
