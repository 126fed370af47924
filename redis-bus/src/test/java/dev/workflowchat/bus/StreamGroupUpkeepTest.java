package dev.workflowchat.bus;

import static dev.workflowchat.bus.BusRedis.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A group's upkeep against a real Redis: what a dead consumer left pending is taken over, and the dead one leaves. */
class StreamGroupUpkeepTest {

    private static final Duration CLAIM_IDLE = Duration.ofMillis(100);

    @RegisterExtension
    static final BusRedis bus = new BusRedis();

    private StreamGroupReader reader;

    @AfterEach
    void stopReader() {
        if (reader != null) {
            reader.stop();
        }
    }

    @Test
    void shouldTakeOverAndHandleWhatADeadConsumerLeftPending() {
        String stream = bus.key("stream");
        deadConsumerHolds(stream, "abandoned");
        List<String> handled = new CopyOnWriteArrayList<>();
        reader = startedReader(stream, handled);
        StreamGroupUpkeep upkeep = reader.upkeep(bus.redis());

        await().atMost(BOUND).untilAsserted(() -> {
            upkeep.tidy(CLAIM_IDLE).await().atMost(BOUND);
            assertThat(handled).containsExactly("abandoned");
        });
        assertThat(bus.pending(stream, "group")).isZero();
    }

    @Test
    void shouldRemoveAConsumerGoneForGoodOnceItHoldsNothing() {
        String stream = bus.key("stream");
        deadConsumerHolds(stream, "abandoned");
        reader = startedReader(stream, new CopyOnWriteArrayList<>());
        StreamGroupUpkeep upkeep = reader.upkeep(bus.redis());

        await().atMost(BOUND).untilAsserted(() -> {
            upkeep.tidy(CLAIM_IDLE).await().atMost(BOUND);
            assertThat(bus.consumers(stream, "group")).containsExactly("live");
        });
    }

    /** A replica that read an entry and died before acknowledging it. */
    private static void deadConsumerHolds(String stream, String envelope) {
        bus.call("XGROUP", "CREATE", stream, "group", "0", "MKSTREAM");
        bus.call("XADD", stream, "*", StreamGroupReader.EVENT_FIELD, envelope);
        bus.call("XREADGROUP", "GROUP", "group", "dead", "COUNT", "10", "STREAMS", stream, ">");
        assertThat(bus.pendingByConsumer(stream, "group")).containsEntry("dead", 1L);
    }

    /** The live replica's reader, started and past making its group (upkeep looks only at ready streams). */
    private static StreamGroupReader startedReader(String stream, List<String> handled) {
        StreamGroupReader live = new StreamGroupReader(bus.redis().stream(String.class), stream, "group", "live", 10,
                envelope -> {
                    handled.add(envelope);
                    return Uni.createFrom().voidItem();
                }, entry -> Uni.createFrom().voidItem());
        live.start();
        await().atMost(BOUND).until(() -> live.groupReady(stream));
        return live;
    }
}
