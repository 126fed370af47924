package dev.workflowchat.chat.mcp;

import dev.workflowchat.chat.keys.AgentKey;
import dev.workflowchat.chat.security.AgentKeyIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/** The agent key of the MCP request being served (the path lets no other identity in). */
@ApplicationScoped
public class CallingAgent {

    private final SecurityIdentity identity;

    public CallingAgent(SecurityIdentity identity) {
        this.identity = identity;
    }

    AgentKey key() {
        AgentKey key = AgentKeyIdentityProvider.keyOf(identity);
        if (key == null) {
            throw new io.quarkus.security.UnauthorizedException("only an agent key may use the MCP tools");
        }
        return key;
    }
}
