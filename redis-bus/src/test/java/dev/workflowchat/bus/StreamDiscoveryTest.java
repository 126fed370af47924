package dev.workflowchat.bus;

import static dev.workflowchat.bus.BusRedis.BOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Agents' own streams found by pattern against a real Redis, and added to a reader once. */
class StreamDiscoveryTest {

    @RegisterExtension
    static final BusRedis bus = new BusRedis();

    @Test
    void shouldAddEachNewAgentStreamOnce() {
        String ways = bus.key("in");
        StreamGroupReader reader = StreamGroupReader.ofStreams(bus.redis().stream(String.class), "group", "consumer-1", 10,
                (stream, envelopes) -> Uni.createFrom().voidItem(), entry -> Uni.createFrom().voidItem());
        agentWrites(ways, "alice");
        agentWrites(ways, "bob");
        bus.call("XADD", ways + ":elsewhere", "*", "event", "{}");       // not matched by the pattern
        bus.call("SET", ways + ":carol:stream", "not a stream");           // matched, but not a stream
        agentWrites(ways, "system");                                        // a stream, but nobody's own

        discover(reader, ways);
        assertThat(reader.streams()).containsExactlyInAnyOrder(ways + ":alice:stream", ways + ":bob:stream");

        agentWrites(ways, "dave");
        discover(reader, ways);
        discover(reader, ways);
        assertThat(reader.streams())
                .containsExactlyInAnyOrder(ways + ":alice:stream", ways + ":bob:stream", ways + ":dave:stream");
    }

    private static void agentWrites(String ways, String agent) {
        bus.call("XADD", ways + ":" + agent + ":stream", "*", "event", "{}");
    }

    private static void discover(StreamGroupReader reader, String ways) {
        StreamDiscovery.addNewAgentStreams(bus.redis(), reader, ways + ":*:stream", agentOf(ways)).await().atMost(BOUND);
    }

    /** The agent a stream belongs to, as the services name it from the key; "system" is no agent. */
    private static Function<String, Optional<String>> agentOf(String ways) {
        return stream -> Optional.of(stream.substring(ways.length() + 1, stream.length() - ":stream".length()))
                .filter(agent -> !agent.equals("system"));
    }
}
