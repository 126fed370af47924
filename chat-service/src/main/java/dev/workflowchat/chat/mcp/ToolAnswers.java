package dev.workflowchat.chat.mcp;

import dev.workflowchat.chat.service.DependencyFailures;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.event.InvalidEventException;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * A tool's answer: its result as JSON text, or a tool error that says what was wrong in the
 * words the REST API and the dead-letter stream use (never a stack trace).
 */
final class ToolAnswers {

    private ToolAnswers() {
    }

    /** Runs {@code work} and answers its result as JSON; any refusal, thrown or failed, as a tool error. */
    static <T> Uni<ToolResponse> json(Supplier<Uni<T>> work) {
        Uni<T> started;
        try {
            started = work.get();
        } catch (RuntimeException e) {
            return Uni.createFrom().item(error(e));
        }
        return started.map(ToolAnswers::success).onFailure().recoverWithItem(ToolAnswers::error);
    }

    static ToolResponse success(Object result) {
        return ToolResponse.success(result instanceof String text ? text : toJson(result));
    }

    static String toJson(Object result) {
        try {
            return ProtocolJson.mapper().writeValueAsString(result);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tool's result must serialise", e);
        }
    }

    static ToolResponse error(Throwable failure) {
        return ToolResponse.error(messageOf(failure));
    }

    static String messageOf(Throwable failure) {
        if (failure instanceof InvalidEventException invalid) {
            String message = invalid.getMessage();
            return message.startsWith("too_large") ? message : "bad_request: " + message;
        }
        if (failure instanceof ProtocolException protocol) {
            return protocol.code().wireName() + ": " + protocol.getMessage();
        }
        if (DependencyFailures.isUnavailable(failure)) {
            Log.warnf("an MCP tool failed, a dependency is unavailable: %s", failure.getMessage());
            return "unavailable: the chat is briefly unavailable; try again";
        }
        Log.errorf(failure, "an MCP tool failed unexpectedly");
        return "internal: something went wrong on the server";
    }
}
