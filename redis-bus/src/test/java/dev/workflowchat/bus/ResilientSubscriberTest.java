package dev.workflowchat.bus;

import static dev.workflowchat.bus.BusRedis.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A subscription against a real Redis whose connection is dropped under it. */
class ResilientSubscriberTest {

    @RegisterExtension
    static final BusRedis bus = new BusRedis();

    private Cancellable subscription;

    @AfterEach
    void unsubscribe() {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    @Test
    void shouldResubscribeAfterItsConnectionWasKilled() {
        String channel = bus.key("channel");
        List<String> heard = new CopyOnWriteArrayList<>();
        Set<String> subscribersBefore = pubSubClients();
        subscription = ResilientSubscriber.subscribe(bus.redis().pubsub(String.class), channel, message -> {
            heard.add(message);
            return Uni.createFrom().voidItem();
        });
        await().atMost(BOUND).until(() -> subscribers(channel) == 1);
        bus.call("PUBLISH", channel, "before");
        await().atMost(BOUND).untilAsserted(() -> assertThat(heard).containsExactly("before"));

        // CLIENT LIST names no channels: ours is among the pub/sub connections made since it subscribed
        // (another run's, if any, resubscribes just the same)
        Set<String> ours = pubSubClients();
        ours.removeAll(subscribersBefore);
        assertThat(ours).isNotEmpty();
        ours.forEach(id -> bus.call("CLIENT", "KILL", "ID", id));

        await().atMost(BOUND).until(() -> pubSubClients().stream().noneMatch(ours::contains) && subscribers(channel) == 1);
        // published until heard: a message sent while the new SUBSCRIBE is still under way is lost, as pub/sub does
        await().atMost(BOUND).untilAsserted(() -> {
            bus.call("PUBLISH", channel, "after");
            assertThat(heard).startsWith("before").contains("after");
        });
    }

    /**
     * Each lost connection used to keep its pool slot (the Quarkus subscriber gives it back only
     * after an UNSUBSCRIBE, which a dropped connection never answers): more losses than the pool
     * has connections (8 here, 16 in the services) and nothing subscribed or ran any more.
     */
    @Test
    void shouldGiveEveryLostConnectionBackToThePool() {
        String channel = bus.key("channel");
        List<String> heard = new CopyOnWriteArrayList<>();
        Set<String> before = pubSubClients();
        subscription = ResilientSubscriber.subscribe(bus.redis().pubsub(String.class), channel, message -> {
            heard.add(message);
            return Uni.createFrom().voidItem();
        });
        for (int loss = 1; loss <= 12; loss++) {
            await().atMost(BOUND).until(() -> subscribers(channel) == 1);
            Set<String> ours = pubSubClients();
            ours.removeAll(before);
            ours.forEach(id -> bus.call("CLIENT", "KILL", "ID", id));
            String message = "after loss " + loss;
            await().atMost(BOUND).untilAsserted(() -> {
                bus.call("PUBLISH", channel, message);
                assertThat(heard).contains(message);
            });
        }
        // the pool still lends connections to everything else
        String key = bus.key("still-working");
        assertThat(bus.redis().value(String.class).set(key, "yes").replaceWith(true)
                .await().atMost(BOUND)).isTrue();
    }

    @Test
    void aCancelledSubscriptionClosesItsConnection() {
        String channel = bus.key("channel");
        Set<String> before = pubSubClients();
        Cancellable cancelled = ResilientSubscriber.subscribe(bus.redis().pubsub(String.class), channel,
                message -> Uni.createFrom().voidItem());
        await().atMost(BOUND).until(() -> subscribers(channel) == 1);

        cancelled.cancel();

        await().atMost(BOUND).until(() -> subscribers(channel) == 0 && before.containsAll(pubSubClients()));
    }

    @Test
    void shouldHandMessagesOverInTheOrderTheyWerePublished() {
        String channel = bus.key("channel");
        List<String> heard = new CopyOnWriteArrayList<>();
        subscription = ResilientSubscriber.subscribe(bus.redis().pubsub(String.class), channel, message -> {
            // the first is handled slowly: the later ones wait for it, they don't overtake it
            Uni<Void> handling = message.equals("1")
                    ? Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(200))
                    : Uni.createFrom().voidItem();
            return handling.invoke(() -> heard.add(message));
        });
        await().atMost(BOUND).until(() -> subscribers(channel) == 1);

        List.of("1", "2", "3").forEach(message -> bus.call("PUBLISH", channel, message));

        await().atMost(BOUND).untilAsserted(() -> assertThat(heard).containsExactly("1", "2", "3"));
    }

    @Test
    void aHandlerThatThrowsLosesThatMessageNotTheSubscription() {
        String channel = bus.key("channel");
        List<String> heard = new CopyOnWriteArrayList<>();
        subscription = ResilientSubscriber.subscribe(bus.redis().pubsub(String.class), channel, message -> {
            if (message.equals("bad")) {
                throw new IllegalStateException("a handler's bug");
            }
            if (message.equals("failed")) {
                return Uni.createFrom().failure(new IllegalStateException("a handler's failure"));
            }
            heard.add(message);
            return Uni.createFrom().voidItem();
        });
        await().atMost(BOUND).until(() -> subscribers(channel) == 1);

        List.of("bad", "failed", "good").forEach(message -> bus.call("PUBLISH", channel, message));

        await().atMost(BOUND).untilAsserted(() -> assertThat(heard).containsExactly("good"));
    }

    /** PUBSUB NUMSUB: how many connections are subscribed to the channel right now. */
    private static long subscribers(String channel) {
        return (Long) bus.callForList("PUBSUB", "NUMSUB", channel).get(1);
    }

    private static Set<String> pubSubClients() {
        return String.valueOf(bus.call("CLIENT", "LIST", "TYPE", "pubsub")).lines()
                .map(line -> line.substring("id=".length(), line.indexOf(' ')))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
