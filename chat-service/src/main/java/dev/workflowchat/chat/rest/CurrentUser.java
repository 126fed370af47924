package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.security.SessionIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The signed-in user of the current request. */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Whether the request comes from a signed-in person (not anonymous). */
    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    public ChatUser get() {
        return SessionIdentityProvider.userOf(identity);
    }

    public String token() {
        return identity.getAttribute(SessionIdentityProvider.TOKEN_ATTRIBUTE);
    }
}
