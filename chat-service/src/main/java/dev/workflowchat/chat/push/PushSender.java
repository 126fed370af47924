package dev.workflowchat.chat.push;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.push.PushSubscriptions.Device;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers pushes to push services (RFC 8030), a few at a time from a bounded queue, never on a
 * request's path. The payload is encrypted for the device (RFC 8291, aes128gcm) and the request
 * signed with the VAPID key (RFC 8292) by the interaso webpush library, on a worker thread (EC key
 * agreement and signing are CPU work); the Vert.x client sends it without blocking. A push service
 * that answers 404 or 410 has forgotten the device: its subscription is removed.
 */
@ApplicationScoped
public class PushSender {

    private final Optional<WebPush> webPush;
    private final Optional<String> publicKey;
    private final ChatConfig.Push config;
    private final PushSubscriptions subscriptions;
    private final Vertx vertx;
    private final Queue<Delivery> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger underWay = new AtomicInteger();
    private HttpClient client;

    public PushSender(ChatConfig chatConfig, PushSubscriptions subscriptions, Vertx vertx) {
        this.config = chatConfig.push();
        this.subscriptions = subscriptions;
        this.vertx = vertx;
        if (config.vapidPublicKey().isPresent() && config.vapidPrivateKey().isPresent()) {
            VapidKeys keys = VapidKeys.fromUncompressedBytes(config.vapidPublicKey().get().trim(),
                    config.vapidPrivateKey().get().trim());
            this.webPush = Optional.of(new WebPush(config.vapidSubject(), keys));
            this.publicKey = Optional.of(java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(keys.getApplicationServerKey()));
        } else {
            this.webPush = Optional.empty();
            this.publicKey = Optional.empty();
        }
    }

    void start(@Observes StartupEvent event) {
        client = vertx.createHttpClient();
        Log.infof(webPush.isPresent() ? "Web Push is on" : "Web Push is off: no VAPID keys are set");
    }

    /** One push to one device. */
    record Delivery(Device device, byte[] payload) {
    }

    public boolean enabled() {
        return webPush.isPresent();
    }

    /** The application server key browsers subscribe with (base64url), when push is on. */
    public Optional<String> publicKey() {
        return publicKey;
    }

    /** Queues a push; dropped with a warning when the queue is full. */
    void send(Device device, byte[] payload) {
        if (webPush.isEmpty()) {
            return;
        }
        if (queued.incrementAndGet() > config.queue()) {
            queued.decrementAndGet();
            Log.warnf("a push to %s dropped: %d are waiting already", device.username(), config.queue());
            return;
        }
        queue.add(new Delivery(device, payload));
        next();
    }

    private void next() {
        while (underWay.get() < config.concurrency()) {
            if (underWay.incrementAndGet() > config.concurrency()) {
                underWay.decrementAndGet();
                return;
            }
            Delivery delivery = queue.poll();
            if (delivery == null) {
                underWay.decrementAndGet();
                return;
            }
            queued.decrementAndGet();
            deliver(delivery).subscribe().with(ignored -> done(), failure -> {
                Log.warnf("a push to %s failed: %s", delivery.device().username(), failure.getMessage());
                done();
            });
        }
    }

    private void done() {
        underWay.decrementAndGet();
        next();
    }

    private Uni<Void> deliver(Delivery delivery) {
        PushSubscription subscription = delivery.device().subscription();
        return Uni.createFrom().item(() -> encrypted(delivery))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(request -> client.request(new RequestOptions()
                                .setMethod(HttpMethod.POST)
                                .setAbsoluteURI(subscription.endpoint())
                                .setTimeout(config.sendTimeout().toMillis()))
                        .chain(http -> {
                            request.headers().forEach(http::putHeader);
                            return http.send(Buffer.buffer(request.body()));
                        }))
                .chain(response -> answered(delivery, response.statusCode()));
    }

    private record Encrypted(Map<String, String> headers, byte[] body) {
    }

    private Encrypted encrypted(Delivery delivery) {
        WebPush push = webPush.orElseThrow();
        PushSubscription subscription = delivery.device().subscription();
        byte[] body = push.getBody(delivery.payload(), subscription.p256dhBytes(), subscription.authBytes());
        Map<String, String> headers = push.getHeaders(subscription.endpoint(), (int) config.ttl().toSeconds(), null,
                WebPush.Urgency.High);
        return new Encrypted(headers, body);
    }

    private Uni<Void> answered(Delivery delivery, int status) {
        String host = URI.create(delivery.device().subscription().endpoint()).getHost();
        if (status == 404 || status == 410) {
            Log.infof("push service %s forgot a device of %s (%d): its subscription is removed", host,
                    delivery.device().username(), status);
            return subscriptions.remove(delivery.device().subscription().endpoint());
        }
        if (status >= 300) {
            Log.warnf("push service %s answered %d to a push to %s", host, status, delivery.device().username());
        } else {
            Log.debugf("pushed to a device of %s", delivery.device().username());
        }
        return Uni.createFrom().voidItem();
    }
}
