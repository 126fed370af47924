package dev.workflowchat.chat.security;

import dev.workflowchat.chat.keys.AgentKey;
import dev.workflowchat.chat.keys.AgentKeyGate;
import dev.workflowchat.chat.keys.AgentKeyRefused;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An agent key's identity: {@code agent:<name>} with the one role {@code agent} and no person in
 * it, so everything that needs a person ({@code CurrentUser}, the WebSocket) refuses it.
 */
@ApplicationScoped
public class AgentKeyIdentityProvider implements IdentityProvider<AgentKeyRequest> {

    public static final String ROLE = "agent";
    public static final String KEY_ATTRIBUTE = "wfchat.agent-key";

    private final AgentKeyGate gate;

    public AgentKeyIdentityProvider(AgentKeyGate gate) {
        this.gate = gate;
    }

    @Override
    public Class<AgentKeyRequest> getRequestType() {
        return AgentKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(AgentKeyRequest request, AuthenticationRequestContext context) {
        return gate.admit(request.secret())
                .onFailure(AgentKeyRefused.class).transform(refused -> new AuthenticationFailedException(refused.getMessage(), refused))
                .map(AgentKeyIdentityProvider::identity);
    }

    private static SecurityIdentity identity(AgentKey key) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.source()))
                .addRole(ROLE)
                .addAttribute(KEY_ATTRIBUTE, key)
                .build();
    }

    /** The agent key of an identity this provider made; null for anyone else. */
    public static AgentKey keyOf(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getAttribute(KEY_ATTRIBUTE);
    }
}
