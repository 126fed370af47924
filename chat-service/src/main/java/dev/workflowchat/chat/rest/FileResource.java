package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.upload.FileNames;
import dev.workflowchat.chat.upload.StoredFile;
import dev.workflowchat.chat.upload.UploadService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Serves uploads. Whatever a file holds, the browser is told its type and not to sniff another,
 * a sandboxing CSP keeps a file opened directly from running anything on this origin, and no
 * other site may frame it.
 */
@Path("/api/files/{id}")
@Authenticated
public class FileResource {

    private final UploadService uploads;
    private final CurrentUser currentUser;

    public FileResource(UploadService uploads, CurrentUser currentUser) {
        this.uploads = uploads;
        this.currentUser = currentUser;
    }

    @GET
    @Operation(summary = "A file's bytes: raster images inline, everything else as a download")
    public Uni<Response> file(@PathParam("id") String id) {
        return uploads.file(currentUser.get(), id, false).map(FileResource::served);
    }

    @GET
    @Path("/thumbnail")
    @Operation(summary = "An image's thumbnail (PNG, at most 320×320); 404 when it has none")
    public Uni<Response> thumbnail(@PathParam("id") String id) {
        return uploads.file(currentUser.get(), id, true).map(FileResource::served);
    }

    private static Response served(StoredFile file) {
        return Response.ok(file.bytes(), file.contentType())
                .header("Content-Disposition", FileNames.contentDisposition(file.fileName(), file.inline()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'")
                .header("Cache-Control", "private, max-age=86400")
                .build();
    }
}
