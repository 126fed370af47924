package dev.workflowchat.chat.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.rest.Problem;
import dev.workflowchat.chat.security.SameOrigin;
import dev.workflowchat.protocol.ErrorCode;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;

/**
 * A state-changing API call (POST, PUT, PATCH, DELETE under {@code /api/}) that a browser sends
 * from another origin is refused (403) before anything reads it: logout, an upload or a decision
 * from another site must not ride on the person's cookie, whatever SameSite a browser applies.
 * A call without {@code Origin} is not a browser's cross-site request (scripts, agents) and passes.
 */
@ApplicationScoped
public class CrossSiteRequests {

    private static final Set<HttpMethod> CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final List<String> allowed;
    private final ObjectMapper mapper;

    public CrossSiteRequests(ChatConfig config, ObjectMapper mapper) {
        this.allowed = config.allowedOrigins().orElse(List.of());
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(-99).handler(this::check);
    }

    private void check(RoutingContext context) {
        String origin = context.request().getHeader("Origin");
        if (origin == null || !CHANGING.contains(context.request().method())
                || SameOrigin.isAllowed(origin, context.request().scheme(), context.request().getHeader("Host"), allowed)) {
            context.next();
            return;
        }
        Log.debugf("refused a %s of %s from origin %s", context.request().method(), context.normalizedPath(), origin);
        context.response()
                .setStatusCode(403)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(json(Problem.of(403, ErrorCode.FORBIDDEN, "a request from another site; only this site's pages may do this")));
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem must serialise", e);
        }
    }
}
