package dev.workflowchat.chat.service;

import dev.workflowchat.chat.announce.ChangeEvents;
import dev.workflowchat.chat.announce.RedisEvents;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.repository.AgentRepository;
import dev.workflowchat.chat.repository.ProcessedEvents;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.model.AgentPresence;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Agents' presence: set by {@code agent.status}, ended by silence. Every change is announced
 * on {@code wfchat:out} as {@code agent.presence}, from where each replica tells its browsers.
 */
@ApplicationScoped
public class PresenceService {

    private final AgentRepository agents;
    private final ProcessedEvents processedEvents;
    private final RedisEvents events;
    private final ChatConfig config;

    public PresenceService(AgentRepository agents, ProcessedEvents processedEvents, RedisEvents events,
                           ChatConfig config) {
        this.agents = agents;
        this.processedEvents = processedEvents;
        this.events = events;
        this.config = config;
    }

    /** Records a status, once per event id; one older than what is known changes nothing either. */
    public Uni<Once<AgentPresence>> update(InboundEvent.AgentStatus status, Instant producedAt) {
        Instant at = (producedAt == null ? Instant.now() : producedAt).truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> processedEvents.claim(status.id(), EventTypes.AGENT_STATUS)
                        .chain(first -> first
                                ? agents.recordStatus(status.agent(), status.status(), status.task(), status.detail(), at)
                                : Uni.createFrom().<AgentPresence>nullItem()))
                .map(presence -> presence == null ? Once.<AgentPresence>appliedBefore() : Once.applied(presence))
                .call(once -> once.isApplied() ? announce(once.made()) : Uni.createFrom().voidItem());
    }

    public Uni<List<AgentPresence>> all() {
        return Panache.withSession(agents::all);
    }

    /** Agents silent too long go offline; only the replica whose update changed a row announces it. */
    public Uni<Integer> markSilentAgentsOffline() {
        return Panache.withTransaction(() -> agents.markSilentOffline(config.presence().offlineAfter().toSeconds()))
                .call(changed -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (AgentPresence presence : changed) {
                        all = all.chain(() -> announce(presence));
                    }
                    return all;
                })
                .map(List::size);
    }

    private Uni<Void> announce(AgentPresence presence) {
        return events.publishOut(Envelope.create(EventTypes.AGENT_PRESENCE, ChangeEvents.SOURCE, null, presence))
                .onFailure().invoke(failure -> Log.warnf("could not announce presence of %s: %s",
                        presence.agent(), failure.getMessage()))
                .onFailure().recoverWithNull();
    }
}
