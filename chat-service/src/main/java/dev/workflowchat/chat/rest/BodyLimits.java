package dev.workflowchat.chat.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.Limits;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.impl.RoutingContextInternal;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a declared body larger than its endpoint takes before a byte of it is read, with a
 * {@code too_large} problem. Uploads may send 10 MB and their multipart framing; everything else
 * 1 MiB. A body sent without a length (chunked) is read here, for an endpoint other than uploads,
 * and refused as soon as it passes 1 MiB; {@code quarkus.http.limits.max-body-size} stays the hard
 * cap for an upload sent that way.
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
        if (declared < 0 && !upload) {
            readCounting(context);
            return;
        }
        if (declared <= limit) {
            context.next();
            return;
        }
        refuse(context, upload);
    }

    /**
     * A body of unknown length, read here (it is small, or refused): the REST layer then takes the
     * body already read. Past the limit the answer goes out at once and the rest is never read.
     */
    private void readCounting(RoutingContext context) {
        Buffer body = Buffer.buffer();
        HttpServerRequest request = context.request();
        request.handler(chunk -> {
            if (context.response().ended()) {
                return;
            }
            if (body.length() + chunk.length() > OTHER_BODY_BYTES) {
                // answered now; the rest is read and dropped (up to the hard cap), so the client,
                // still sending, isn't reset before it reads the answer
                answer(context, false);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ignored -> {
            if (!context.response().ended()) {
                ((RoutingContextInternal) context).setBody(body);
                context.next();
            } else {
                context.request().connection().close();
            }
        });
        request.resume();
    }

    private void refuse(RoutingContext context, boolean upload) {
        // The body is never read, so the connection can't be reused for another request.
        context.response().endHandler(ignored -> context.request().connection().close());
        answer(context, upload);
    }

    private void answer(RoutingContext context, boolean upload) {
        String detail = upload
                ? "a file may be at most " + Limits.MAX_UPLOAD_BYTES / (1024 * 1024) + " MB"
                : "a request body may be at most 1 MiB";
        context.response()
                .setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(json(Problem.of(413, ErrorCode.TOO_LARGE, detail)));
    }

    /** The declared length; -1 when a body comes without one (chunked), 0 when there is none. */
    private static long declaredLength(RoutingContext context) {
        String header = context.request().getHeader("Content-Length");
        if (header == null) {
            String encoding = context.request().getHeader("Transfer-Encoding");
            return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked") ? -1 : 0;
        }
        try {
            return Long.parseLong(header.strip());
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
