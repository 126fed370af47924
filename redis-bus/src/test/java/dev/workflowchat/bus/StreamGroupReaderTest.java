package dev.workflowchat.bus;

import static dev.workflowchat.bus.BusRedis.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.redis.datasource.stream.StreamMessage;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A group reader against a real Redis: nothing is acknowledged before its handler succeeded. */
class StreamGroupReaderTest {

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
    void shouldReReadItsOwnPendingEntryAfterTheHandlerFailed() {
        String stream = bus.key("stream");
        bus.call("XADD", stream, "*", StreamGroupReader.EVENT_FIELD, "first");
        bus.call("XADD", stream, "*", StreamGroupReader.EVENT_FIELD, "second");
        AtomicInteger attemptsOnFirst = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        reader = new StreamGroupReader(bus.redis().stream(String.class), stream, "group", "consumer-1", 10,
                envelope -> {
                    if (envelope.equals("first") && attemptsOnFirst.incrementAndGet() == 1) {
                        return Uni.createFrom().failure(new IllegalStateException("the database is away"));
                    }
                    handled.add(envelope);
                    return Uni.createFrom().voidItem();
                }, withoutEvent());

        reader.start();

        await().atMost(BOUND).untilAsserted(() -> assertThat(handled).containsExactly("first", "second"));
        assertThat(attemptsOnFirst).hasValue(2);
        await().atMost(BOUND).untilAsserted(() -> assertThat(bus.pending(stream, "group")).isZero());
    }

    @Test
    void shouldHandAWholeReadOverAgainWhenABatchFailed() {
        String stream = bus.key("stream");
        bus.call("XADD", stream, "*", StreamGroupReader.EVENT_FIELD, "a");
        bus.call("XADD", stream, "*", StreamGroupReader.EVENT_FIELD, "b");
        AtomicInteger calls = new AtomicInteger();
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        reader = StreamGroupReader.batched(bus.redis().stream(String.class), stream, "group", "consumer-1", 10,
                envelopes -> {
                    if (calls.incrementAndGet() == 1) {
                        return Uni.createFrom().failure(new IllegalStateException("the transaction rolled back"));
                    }
                    batches.add(envelopes);
                    return Uni.createFrom().voidItem();
                }, withoutEvent());

        reader.start();

        await().atMost(BOUND).untilAsserted(() -> assertThat(batches).containsExactly(List.of("a", "b")));
        await().atMost(BOUND).untilAsserted(() -> assertThat(bus.pending(stream, "group")).isZero());
    }

    static Function<StreamMessage<String, String, String>, Uni<Void>> withoutEvent() {
        return entry -> Uni.createFrom().voidItem();
    }
}
