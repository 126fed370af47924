package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.upload.UploadService;
import dev.workflowchat.protocol.ProtocolException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Uploads a file to attach to a message (message.send with attachment_ids). */
@Path("/api/uploads")
@Authenticated
public class UploadResource {

    private final UploadService uploads;
    private final CurrentUser currentUser;

    public UploadResource(UploadService uploads, CurrentUser currentUser) {
        this.uploads = uploads;
        this.currentUser = currentUser;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload one file (field file, at most 10 MB): images, PDF, ZIP or UTF-8 text, judged by content")
    public Uni<Response> upload(@RestForm("file") FileUpload file) {
        if (file == null) {
            throw ProtocolException.badRequest("a multipart/form-data body with a field named file is required");
        }
        return uploads.upload(currentUser.get(), file.fileName(), file.uploadedFile())
                .map(view -> Response.status(201).entity(view).build());
    }
}
