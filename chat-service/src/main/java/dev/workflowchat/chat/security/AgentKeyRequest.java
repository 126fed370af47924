package dev.workflowchat.chat.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An agent key presented as {@code Authorization: Bearer wfk_…}. */
public class AgentKeyRequest extends BaseAuthenticationRequest {

    private final String secret;

    public AgentKeyRequest(String secret) {
        this.secret = secret;
    }

    public String secret() {
        return secret;
    }
}
