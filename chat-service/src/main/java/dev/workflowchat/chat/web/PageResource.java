package dev.workflowchat.chat.web;

import jakarta.annotation.security.PermitAll;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The page at {@code /}: what this is and where the API is, until the web client arrives. */
@Path("/")
@PermitAll
public class PageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance index() {
        return Templates.index();
    }
}
