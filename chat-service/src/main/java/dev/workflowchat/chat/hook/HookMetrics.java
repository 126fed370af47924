package dev.workflowchat.chat.hook;

import dev.workflowchat.chat.Hook;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * Per hook (tags {@code hook}: its id, {@code name}: its bot name): deliveries by outcome
 * ({@code posted}, {@code duplicate}, {@code ignored}, {@code ping}) and requests refused by reason.
 * A request for no known hook counts under {@code hook} and {@code name} "unknown": a guessed
 * secret must not make a meter of its own.
 */
@Singleton
public class HookMetrics {

    private static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;

    public HookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void delivered(Hook hook, String outcome) {
        registry.counter("wfchat.hooks.deliveries", "hook", hook.id.toString(), "name", hook.name, "kind", hook.kind,
                "outcome", outcome).increment();
    }

    public void rejected(Hook hook, String reason) {
        registry.counter("wfchat.hooks.rejected", "hook", hook == null ? UNKNOWN : hook.id.toString(),
                "name", hook == null ? UNKNOWN : hook.name, "kind", hook == null ? UNKNOWN : hook.kind,
                "reason", reason).increment();
    }
}
