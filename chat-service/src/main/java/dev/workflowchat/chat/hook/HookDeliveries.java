package dev.workflowchat.chat.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.chat.Hook;
import dev.workflowchat.chat.announce.ChangePublisher;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.service.HookMessages;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * One request to {@code /hooks/<secret>}: its hook found by the secret's hash (unknown and revoked
 * alike: 404), a GitHub hook's signature checked before anything else is read, the hook's rate
 * counted, then an incoming hook's text posted or a GitHub event applied ({@link GitHubDeliveries}).
 * A refusal changes nothing and is counted by reason; a message is announced only after its commit.
 */
@ApplicationScoped
public class HookDeliveries {

    private final HookRepository hooks;
    private final HookRateLimit rateLimit;
    private final HookMessages messages;
    private final ChangePublisher publisher;
    private final GitHubDeliveries github;
    private final HookMetrics metrics;
    private final ObjectMapper mapper;

    public HookDeliveries(HookRepository hooks, HookRateLimit rateLimit, HookMessages messages,
                          ChangePublisher publisher, GitHubDeliveries github, HookMetrics metrics, ObjectMapper mapper) {
        this.hooks = hooks;
        this.rateLimit = rateLimit;
        this.messages = messages;
        this.publisher = publisher;
        this.github = github;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    /** A request as it came: its secret (the URL's last segment), headers that matter, and the raw body. */
    public record HookRequest(String secret, String contentType, String githubEvent, String githubDelivery,
                              String signature, byte[] body) {
    }

    /** The answer: a status and its JSON body. */
    public record HookAnswer(int status, Map<String, Object> body) {
    }

    public Uni<HookAnswer> deliver(HookRequest request) {
        return Panache.withSession(() -> hooks.findActive(HookSecrets.hash(request.secret())))
                .onItem().ifNull().failWith(() -> {
                    metrics.rejected(null, "unknown_hook");
                    return HookRefusal.unknown();
                })
                .chain(hook -> apply(hook, request)
                        .onFailure(HookRefusal.class).invoke(refusal -> metrics.rejected(hook, ((HookRefusal) refusal).reason())));
    }

    private Uni<HookAnswer> apply(Hook hook, HookRequest request) {
        if (hook.isGitHub() && !HookSecrets.signatureMatches(hook.signingSecret, request.body(), request.signature())) {
            return Uni.createFrom().failure(HookRefusal.badSignature(request.signature() == null
                    ? "X-Hub-Signature-256 is required" : "X-Hub-Signature-256 does not match the body"));
        }
        return rateLimit.acquire(hook.id)
                .chain(() -> {
                    JsonNode payload = HookBody.read(request.contentType(), request.body(), mapper);
                    return hook.isGitHub() ? github.apply(hook, request, payload) : post(hook, IncomingText.of(payload));
                });
    }

    private Uni<HookAnswer> post(Hook hook, IncomingText incoming) {
        return Panache.withTransaction(() -> messages.store(hook, incoming.username(), incoming.text(), Map.of()))
                .invoke(publisher::publish)
                .invoke(() -> metrics.delivered(hook, "posted"))
                .map(change -> posted(change));
    }

    static HookAnswer posted(RecordedChange change) {
        return new HookAnswer(200, Map.of("ok", true, "message_id", change.message().messageId()));
    }
}
