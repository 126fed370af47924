package dev.workflowchat.chat.security;

import dev.workflowchat.chat.ChatUser;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a session token into the identity of its user, with the user's roles. */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    public static final String USER_ATTRIBUTE = "wfchat.user";
    public static final String TOKEN_ATTRIBUTE = "wfchat.token";

    private final SessionStore sessions;

    public SessionIdentityProvider(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        return sessions.userOf(token)
                .map(user -> user.orElseThrow(() -> new AuthenticationFailedException("unknown or expired session")))
                .map(user -> identity(user, token));
    }

    private static SecurityIdentity identity(ChatUser user, String token) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username()))
                .addRoles(user.roles())
                .addAttribute(USER_ATTRIBUTE, user)
                .addAttribute(TOKEN_ATTRIBUTE, token)
                .build();
    }

    /** The chat user of an identity this provider made. */
    public static ChatUser userOf(SecurityIdentity identity) {
        ChatUser user = identity.getAttribute(USER_ATTRIBUTE);
        if (user == null) {
            throw new AuthenticationFailedException("not signed in");
        }
        return user;
    }
}
