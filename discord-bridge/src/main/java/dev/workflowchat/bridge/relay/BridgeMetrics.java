package dev.workflowchat.bridge.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the bridge counts: messages relayed each way, failures each way, and Discord's rate-limit
 * answers. Made at start, so the counters are there (at zero) before anything happens.
 */
@Startup
@ApplicationScoped
public class BridgeMetrics {

    private final Counter toDiscord;
    private final Counter toWeb;
    private final Counter errorsToDiscord;
    private final Counter errorsToWeb;
    private final Counter rateLimited;

    public BridgeMetrics(MeterRegistry registry) {
        this.toDiscord = registry.counter("wfchat.bridge.relayed", "direction", "to_discord");
        this.toWeb = registry.counter("wfchat.bridge.relayed", "direction", "to_web");
        this.errorsToDiscord = registry.counter("wfchat.bridge.errors", "direction", "to_discord");
        this.errorsToWeb = registry.counter("wfchat.bridge.errors", "direction", "to_web");
        this.rateLimited = registry.counter("wfchat.bridge.rate_limited");
    }

    void relayedToDiscord() {
        toDiscord.increment();
    }

    void relayedToWeb() {
        toWeb.increment();
    }

    void failedToDiscord() {
        errorsToDiscord.increment();
    }

    void failedToWeb() {
        errorsToWeb.increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }
}
