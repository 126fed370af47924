package dev.workflowchat.chat.security;

import dev.workflowchat.chat.keys.AgentKeyRefused;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a refused agent key as a problem body (RFC 9457, as the REST API's), with the reason and,
 * over the rate, {@code Retry-After}. Authentication runs before any resource (it is proactive), so
 * the failure reaches the router's failure handlers, not the REST problem mappers.
 */
@ApplicationScoped
public class AgentKeyRefusals {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            AgentKeyRefused refused = refusalIn(context.failure());
            if (refused == null || context.response().ended()) {
                context.next();
                return;
            }
            JsonObject problem = new JsonObject()
                    .put("type", "about:blank")
                    .put("title", refused.status() == 429 ? "Too Many Requests" : "Unauthorized")
                    .put("status", refused.status())
                    .put("detail", refused.getMessage())
                    .put("code", refused.code().wireName());
            var response = context.response().setStatusCode(refused.status())
                    .putHeader("Content-Type", "application/problem+json");
            if (refused.status() == 401) {
                response.putHeader("WWW-Authenticate", "Bearer realm=\"wfchat\", error=\"invalid_token\"");
            }
            if (refused.retryAfterSeconds() > 0) {
                response.putHeader("Retry-After", String.valueOf(refused.retryAfterSeconds()));
            }
            response.end(problem.encode());
        });
    }

    /** The refusal, wherever the security layer wrapped it. */
    private static AgentKeyRefused refusalIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AgentKeyRefused refused) {
                return refused;
            }
        }
        return null;
    }
}
