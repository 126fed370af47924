package dev.workflowchat.chat.keys;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.ProtocolException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Minting, listing and revoking agent keys (admins; the REST resource checks the role). */
@ApplicationScoped
public class AgentKeyService {

    static final int MAX_LABEL_CHARS = 100;
    static final int MAX_DAYS = 3650;

    private final AgentKeyStore store;

    public AgentKeyService(AgentKeyStore store) {
        this.store = store;
    }

    /** What an admin asks for; every field optional. {@code expires_at} and {@code expires_in_days} exclude each other. */
    public record MintRequest(String expiresAt, Integer expiresInDays, String project, String label) {
        public static final MintRequest NONE = new MintRequest(null, null, null, null);
    }

    /** The key, and its secret: answered this once, kept nowhere. */
    public record MintedKey(AgentKeyView key, String secret) {
    }

    public Uni<MintedKey> mint(ChatUser admin, String agent, MintRequest request) {
        MintRequest asked = request == null ? MintRequest.NONE : request;
        requireAgent(agent);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expires = expiryOf(asked, now);
        if (asked.project() != null && !ChannelNames.isValidProject(asked.project())) {
            throw ProtocolException.badRequest("project: not a project name");
        }
        String label = labelOf(asked.label());
        String secret = AgentKeySecrets.newKey();
        AgentKey key = new AgentKey("k-" + UUID.randomUUID().toString().substring(0, 13), agent,
                AgentKeySecrets.shown(secret), label, asked.project(), admin.username(), now, expires, null, null, null);
        return store.insert(key, AgentKeySecrets.hash(secret))
                .invoke(() -> Log.infof("%s minted agent key %s (%s) for agent %s", admin.username(), key.id(),
                        key.prefix(), agent))
                .map(stored -> new MintedKey(AgentKeyView.of(stored, now), secret));
    }

    public Uni<List<AgentKeyView>> ofAgent(String agent) {
        requireAgent(agent);
        Instant now = Instant.now();
        return store.ofAgent(agent).map(keys -> keys.stream().map(key -> AgentKeyView.of(key, now)).toList());
    }

    public Uni<List<AgentKeyView>> all() {
        Instant now = Instant.now();
        return store.all().map(keys -> keys.stream().map(key -> AgentKeyView.of(key, now)).toList());
    }

    /** Revokes at once: the next request with the key is refused. An unknown or already revoked key: 404. */
    public Uni<AgentKeyView> revoke(ChatUser admin, String agent, String id) {
        requireAgent(agent);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return store.revoke(agent, id, admin.username(), now)
                .map(revoked -> revoked.orElseThrow(() -> ProtocolException.notFound("no live key " + shortened(id)
                        + " of agent " + agent)))
                .invoke(key -> Log.infof("%s revoked agent key %s of agent %s", admin.username(), key.id(), agent))
                .map(key -> AgentKeyView.of(key, now));
    }

    private static void requireAgent(String agent) {
        if (!ChannelNames.isValidAgent(agent)) {
            throw ProtocolException.badRequest("not an agent name");
        }
    }

    private static Instant expiryOf(MintRequest asked, Instant now) {
        if (asked.expiresAt() != null && asked.expiresInDays() != null) {
            throw ProtocolException.badRequest("give expires_at or expires_in_days, not both");
        }
        if (asked.expiresInDays() != null) {
            if (asked.expiresInDays() < 1 || asked.expiresInDays() > MAX_DAYS) {
                throw ProtocolException.badRequest("expires_in_days: 1 to " + MAX_DAYS);
            }
            return now.plus(Duration.ofDays(asked.expiresInDays()));
        }
        if (asked.expiresAt() == null) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(asked.expiresAt());
        } catch (DateTimeParseException e) {
            throw ProtocolException.badRequest("expires_at: an ISO-8601 time such as 2027-01-31T00:00:00Z");
        }
        if (!at.isAfter(now)) {
            throw ProtocolException.badRequest("expires_at: must be in the future");
        }
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    private static String labelOf(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        String stripped = label.strip();
        if (stripped.length() > MAX_LABEL_CHARS || stripped.chars().anyMatch(Character::isISOControl)) {
            throw ProtocolException.badRequest("label: one line of at most " + MAX_LABEL_CHARS + " characters");
        }
        return stripped;
    }

    private static String shortened(String id) {
        return id == null || id.length() <= 40 ? String.valueOf(id) : id.substring(0, 40) + "…";
    }
}
