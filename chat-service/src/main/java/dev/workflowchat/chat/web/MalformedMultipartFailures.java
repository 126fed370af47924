package dev.workflowchat.chat.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.chat.rest.Problem;
import dev.workflowchat.protocol.ErrorCode;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

/**
 * A multipart body the parser can't follow (say, a line break inside a file name) fails while
 * the body is read, outside any resource: besides our {@code 400}, the failure reaches Quarkus's
 * last-resort handler, which logs it at ERROR with a stack trace, so any client could write
 * stack traces into the log at will. This takes that failure first: a {@code 400} problem if no
 * answer went out yet, a line at DEBUG, and nothing more. Every other failure goes on as before.
 */
@ApplicationScoped
public class MalformedMultipartFailures {

    private final String answer;

    public MalformedMultipartFailures(ObjectMapper mapper) throws JsonProcessingException {
        this.answer = mapper.writeValueAsString(Problem.of(400, ErrorCode.BAD_REQUEST, "malformed multipart body"));
    }

    void install(@Observes Router router) {
        router.route().order(-99).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        if (!isMalformedMultipart(context.failure())) {
            context.next();
            return;
        }
        Log.debugf("refused a malformed multipart body on %s", context.normalizedPath());
        if (!context.response().ended() && !context.response().headWritten()) {
            context.response().setStatusCode(400)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(answer);
        }
    }

    private static boolean isMalformedMultipart(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MultipartParser.MalformedMessageException) {
                return true;
            }
        }
        return false;
    }
}
