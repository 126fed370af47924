package dev.workflowchat.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.workflowchat.protocol.RedisNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/asyncapi.yaml describes exactly the channels and event types the code uses. */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");

    @Test
    void shouldBeAsyncApi3WithEveryEventType() throws IOException {
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
        assertThat(document.path("asyncapi").asText()).startsWith("3.");

        Set<String> names = new HashSet<>();
        document.path("components").path("messages").forEach(message -> names.add(message.path("name").asText()));
        assertThat(names).containsAll(EventTypes.CHAT_INBOUND).containsAll(EventTypes.CHAT_OUTBOUND)
                .containsAll(EventTypes.STATE_INBOUND).containsAll(EventTypes.STATE_OUTBOUND);

        List<String> addresses = new ArrayList<>();
        document.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        RedisNames wfchat = new RedisNames(RedisNames.DEFAULT_PREFIX);
        assertThat(addresses).contains(wfchat.in(), wfchat.inStream(), wfchat.out(), wfchat.outStream(),
                wfchat.agent("{agent}"), wfchat.agentStream("{agent}"), wfchat.stateIn(), wfchat.stateCommands(), wfchat.state(),
                wfchat.stateStream(), wfchat.deadletter(), wfchat.bridgeInStream());
    }
}
