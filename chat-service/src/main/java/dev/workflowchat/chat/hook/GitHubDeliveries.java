package dev.workflowchat.chat.hook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.Hook;
import dev.workflowchat.chat.announce.ChangePublisher;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.announce.WorkflowSignals;
import dev.workflowchat.chat.service.HookMessages;
import dev.workflowchat.chat.service.Once;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A signed GitHub event, applied once per {@code X-GitHub-Delivery}: a delivery seen before is
 * answered 200 and changes nothing. A CI result's signal goes to the state-broadcaster before the
 * message is stored, under an envelope id made of the delivery's, and the delivery is claimed with
 * the message in one transaction: if storing fails, GitHub's redelivery sends the same signal again,
 * which the state-broadcaster applies once, and posts the message then.
 */
@ApplicationScoped
public class GitHubDeliveries {

    private static final Pattern DELIVERY = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final HookRepository hooks;
    private final HookMessages messages;
    private final ChangePublisher publisher;
    private final WorkflowSignals signals;
    private final HookMetrics metrics;

    public GitHubDeliveries(HookRepository hooks, HookMessages messages, ChangePublisher publisher,
                            WorkflowSignals signals, HookMetrics metrics) {
        this.hooks = hooks;
        this.messages = messages;
        this.publisher = publisher;
        this.signals = signals;
        this.metrics = metrics;
    }

    Uni<HookDeliveries.HookAnswer> apply(Hook hook, HookDeliveries.HookRequest request, JsonNode payload) {
        String event = request.githubEvent();
        if (event == null || event.isBlank()) {
            throw HookRefusal.malformed("X-GitHub-Event is required");
        }
        if ("ping".equals(event)) {
            metrics.delivered(hook, "ping");
            return answer(200, Map.of("ok", true, "pong", true));
        }
        var effect = GitHubEvents.of(event, payload);
        if (effect.isEmpty()) {
            metrics.delivered(hook, "ignored");
            return answer(202, Map.of("ok", true, "ignored", true));
        }
        String delivery = request.githubDelivery();
        if (delivery == null || !DELIVERY.matcher(delivery).matches()) {
            throw HookRefusal.malformed("X-GitHub-Delivery is required: GitHub's id of the delivery");
        }
        return Panache.withSession(() -> hooks.seen(hook.id, delivery))
                .chain(seen -> seen ? Uni.createFrom().item(Once.<RecordedChange>appliedBefore())
                        : signal(hook, delivery, effect.get()).chain(() -> post(hook, delivery, event, effect.get())))
                .map(once -> {
                    if (!once.isApplied()) {
                        metrics.delivered(hook, "duplicate");
                        return new HookDeliveries.HookAnswer(200, Map.of("ok", true, "duplicate", true));
                    }
                    metrics.delivered(hook, "posted");
                    return HookDeliveries.posted(once.made());
                });
    }

    private Uni<Void> signal(Hook hook, String delivery, GitHubEvents.Effect effect) {
        if (effect.signal() == null) {
            return Uni.createFrom().voidItem();
        }
        Log.debugf("hook %s: %s for project %s (delivery %s)", hook.id, effect.signal(), hook.project, delivery);
        return signals.send("github:" + hook.id + ":" + delivery, "hook:" + hook.id, effect.signal(), hook.project);
    }

    private Uni<Once<RecordedChange>> post(Hook hook, String delivery, String event, GitHubEvents.Effect effect) {
        return Panache.withTransaction(() -> hooks.claim(hook.id, delivery)
                        .chain(first -> first
                                ? messages.store(hook, null, effect.text(), Map.of("github_event", event)).map(Once::applied)
                                : Uni.createFrom().item(Once.<RecordedChange>appliedBefore())))
                .invoke(once -> {
                    if (once.isApplied()) {
                        publisher.publish(once.made());
                    }
                });
    }

    private static Uni<HookDeliveries.HookAnswer> answer(int status, Map<String, Object> body) {
        return Uni.createFrom().item(new HookDeliveries.HookAnswer(status, body));
    }
}
