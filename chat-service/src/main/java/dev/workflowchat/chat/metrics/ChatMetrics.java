package dev.workflowchat.chat.metrics;

import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.model.CommandCatalog;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * What an operator watches beyond JVM and HTTP: connected sockets, messages in and pushed to
 * clients by source, events announced by type, how long a change takes from commit to this replica's clients, approvals by status,
 * and how long slash commands take. Tags stay few: unknown commands count as one.
 */
@Singleton
public class ChatMetrics {

    private final MeterRegistry registry;
    private final Timer fanoutLatency;
    private final DistributionSummary sendGroups;

    public ChatMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.fanoutLatency = Timer.builder("wfchat.fanout.latency")
                .description("from the change's announcement to its push to this replica's clients")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.sendGroups = DistributionSummary.builder("wfchat.sends.group.size")
                .description("people's messages stored by one transaction")
                .register(registry);
    }

    /**
     * An event announced on {@code wfchat:out}, by type; a new message also counts as one in, by
     * where it came from (web, agent, discord, system), once across all replicas.
     */
    public void announced(Envelope event) {
        registry.counter("wfchat.events.out", "type", event.type()).increment();
        if (EventTypes.MESSAGE_CREATED.equals(event.type())) {
            registry.counter("wfchat.messages.in", "source", event.data().path("source").asText("unknown")).increment();
        }
    }

    public void delivered(String source) {
        registry.counter("wfchat.messages.delivered", "source", source == null ? "unknown" : source).increment();
    }

    public void fanout(Duration sinceAnnounced) {
        if (!sinceAnnounced.isNegative()) {
            fanoutLatency.record(sinceAnnounced);
        }
    }

    /** Committed changes whose announcement waits for Redis to answer again. */
    public void announcementsWaiting(IntSupplier waiting) {
        // held strongly: a gauge keeps only a weak reference to what it reads by default
        Gauge.builder("wfchat.announcements.waiting", waiting, IntSupplier::getAsInt)
                .description("committed changes whose announcement waits for Redis")
                .strongReference(true)
                .register(registry);
    }

    /** People's sends checked and waiting for the group commit in progress to end. */
    public void sendsWaiting(IntSupplier waiting) {
        Gauge.builder("wfchat.sends.waiting", waiting, IntSupplier::getAsInt)
                .description("people's messages waiting for the group commit in progress")
                .strongReference(true)
                .register(registry);
    }

    /** Batches of agents' messages waiting for people's sends to be stored first. */
    public void agentBatchesWaitingForPeople(IntSupplier waiting) {
        Gauge.builder("wfchat.ingest.waiting.for.people", waiting, IntSupplier::getAsInt)
                .description("batches of agents' messages waiting for people's sends to be stored first")
                .strongReference(true)
                .register(registry);
    }

    /** How many people's messages one transaction stored. */
    public void sendGroup(int size) {
        sendGroups.record(size);
    }

    /** A client closed for not reading what it was sent (its send buffer was full). */
    public void slowClientClosed() {
        registry.counter("wfchat.websocket.slow.closed").increment();
    }

    /** Reserved metadata keys taken out of a message someone else than the chat service wrote. */
    public void metadataStripped(String source) {
        registry.counter("wfchat.metadata.stripped", "source", source).increment();
    }

    /** A change announced with a number the database never handed out, not pushed to anyone. */
    public void implausibleDropped() {
        registry.counter("wfchat.events.implausible").increment();
    }

    public void approval(String status) {
        registry.counter("wfchat.approvals", "status", status).increment();
    }

    public void command(String name, boolean ok, Duration took) {
        boolean known = CommandCatalog.ALL.stream().anyMatch(command -> command.name().equals(name));
        Timer.builder("wfchat.command.latency").tag("command", known ? name : "unknown").tag("ok", String.valueOf(ok))
                .register(registry).record(took);
    }
}
