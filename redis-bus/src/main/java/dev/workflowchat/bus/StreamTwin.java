package dev.workflowchat.bus;

import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A pub/sub channel's stream twin: everything published there is also added to a capped stream
 * (field {@code event}), so a listener whose subscription was lost (a Redis restart) reads back
 * what it missed. Pass {@link #readBack} to {@link ResilientSubscriber}.
 */
public final class StreamTwin {

    /** Stream ids are Redis's clock, the loss is ours: read from a little before it. */
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(10);
    static final int MAX_READ_BACK = 10_000;

    private StreamTwin() {
    }

    /** What {@code stream} holds from a little before the subscription was lost, oldest first. */
    public static Function<Instant, Uni<List<String>>> readBack(ReactiveStreamCommands<String, String, String> streams,
                                                                String stream) {
        return lostAt -> streams.xrange(stream, StreamRange.of(lostAt.minus(CLOCK_MARGIN).toEpochMilli() + "-0", "+"),
                        MAX_READ_BACK)
                .map(entries -> entries.stream()
                        .map(entry -> entry.payload() == null ? null : entry.payload().get(StreamGroupReader.EVENT_FIELD))
                        .filter(Objects::nonNull)
                        .toList());
    }
}
