package dev.workflowchat.chat.command;

import dev.workflowchat.protocol.event.InboundEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workflow commands this replica sent and waits on, by correlation id. Every replica hears
 * every {@code command.result}; only the one that sent the command has it waiting.
 */
@ApplicationScoped
public class CommandResults {

    private final Map<String, CompletableFuture<InboundEvent.CommandResult>> waiting = new ConcurrentHashMap<>();

    /** Call before sending the command, so an answer that comes at once is not missed. */
    public Uni<InboundEvent.CommandResult> await(String correlationId, Duration timeout) {
        CompletableFuture<InboundEvent.CommandResult> answer = new CompletableFuture<>();
        waiting.put(correlationId, answer);
        return Uni.createFrom().completionStage(answer)
                .ifNoItem().after(timeout).fail()
                .eventually(() -> waiting.remove(correlationId));
    }

    /** Stops waiting for a command that was never received, so nothing is kept for it. */
    public void forget(String correlationId) {
        waiting.remove(correlationId);
    }

    /** True when this replica was waiting for the result. */
    public boolean complete(InboundEvent.CommandResult result) {
        CompletableFuture<InboundEvent.CommandResult> answer = waiting.remove(result.correlationId());
        return answer != null && answer.complete(result);
    }
}
