package dev.workflowchat.chat.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.Limits;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a declared body larger than its endpoint takes before a byte of it is read, with a
 * {@code too_large} problem. Uploads may send 10 MB and their multipart framing; everything else
 * 1 MiB. {@code quarkus.http.limits.max-body-size} stays the hard cap for bodies sent without a length.
 */
@ApplicationScoped
public class BodyLimits {

    static final String UPLOADS = "/api/uploads";
    static final long UPLOAD_BODY_BYTES = Limits.MAX_UPLOAD_BYTES + 64 * 1024;
    static final long OTHER_BODY_BYTES = 1024 * 1024;

    private final ObjectMapper mapper;

    public BodyLimits(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        long declared = declaredLength(context);
        boolean upload = UPLOADS.equals(context.normalizedPath());
        long limit = upload ? UPLOAD_BODY_BYTES : OTHER_BODY_BYTES;
        if (declared <= limit) {
            context.next();
            return;
        }
        String detail = upload
                ? "a file may be at most " + Limits.MAX_UPLOAD_BYTES / (1024 * 1024) + " MB"
                : "a request body may be at most 1 MiB";
        // The body is never read, so the connection can't be reused for another request.
        context.response()
                .setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .endHandler(ignored -> context.request().connection().close())
                .end(json(Problem.of(413, ErrorCode.TOO_LARGE, detail)));
    }

    private static long declaredLength(RoutingContext context) {
        String header = context.request().getHeader("Content-Length");
        try {
            return header == null ? 0 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem must serialise", e);
        }
    }
}
