package dev.workflowchat.chat.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.push.PreferenceStore;
import dev.workflowchat.chat.push.Preferences;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** My notification preferences, kept on the server so they follow me to every device. */
@Path("/api/me/preferences")
@Authenticated
public class PreferencesResource {

    private final CurrentUser currentUser;
    private final PreferenceStore store;

    public PreferencesResource(CurrentUser currentUser, PreferenceStore store) {
        this.currentUser = currentUser;
        this.store = store;
    }

    @GET
    @Operation(summary = "Your notification preferences (the defaults until you save some)")
    public Uni<Preferences> get() {
        return store.of(currentUser.get().username());
    }

    /** A JSON tree rather than a record: an unknown key or a wrong type must be refused, not ignored or coerced. */
    @PUT
    @Operation(summary = "Replace your notification preferences: desktop, mentions, dms, approvals, muted")
    public Uni<Preferences> put(JsonNode body) {
        return store.save(currentUser.get().username(), Preferences.parse(body));
    }
}
