package dev.workflowchat.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.model.AttachmentView;
import dev.workflowchat.protocol.model.MessageView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A message change's frame written around the message's JSON (as a replica hears it in the event,
 * or as the writer already holds it) is the very text the frame's record writes: clients and the
 * change log can't tell which way it was made.
 */
class MessageChangedJsonTest {

    private static final ObjectMapper JSON = ProtocolJson.mapper();

    @Test
    void theFrameAroundTheMessagesJsonIsTheRecordsOwnText() throws Exception {
        for (MessageView message : List.of(everyField(), fewestFields())) {
            for (String type : List.of("message.created", "message.edited", "message.pinned", "message.unpinned")) {
                String fromRecord = JSON.writeValueAsString(new ServerFrame.MessageChanged(type, 42, message));
                JsonNode tree = JSON.valueToTree(message);
                assertThat(ServerFrame.MessageChanged.json(type, 42, tree)).isEqualTo(fromRecord);
            }
        }
    }

    @Test
    void aReplicaThatHearsTheEventWritesTheSameFrameAsTheWriterLogged() throws Exception {
        MessageView message = everyField();
        Envelope event = Envelope.create("message.created", "chat-service", 42L, JSON.valueToTree(message));
        Envelope heard = new EventParser().envelope(event.toJson());
        assertThat(ServerFrame.MessageChanged.json(heard.type(), heard.seq(), heard.data()))
                .isEqualTo(JSON.writeValueAsString(ServerFrame.MessageChanged.created(42, message)));
    }

    private static MessageView everyField() {
        Map<String, List<String>> reactions = new LinkedHashMap<>();
        reactions.put("👍", List.of("ana", "bo"));
        reactions.put("🎉", List.of("cy"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("type", "test_result");
        metadata.put("passed", 12);
        metadata.put("nested", Map.of("quote", "\"hi\"\n\\ \u2028 </script>"));
        Instant at = Instant.parse("2026-12-05T05:18:40.123456Z");
        return new MessageView("7d1c0f4e-0000-4000-8000-000000000001", 41, "general", "agent", "coder-1", "Coder «1»",
                "a text with \"quotes\", a tab\t, emoji 🚀 and \u0001", at, at.plusSeconds(1), null,
                "7d1c0f4e-0000-4000-8000-000000000000", "7d1c0f4e-0000-4000-8000-000000000000", reactions,
                List.of(new AttachmentView("f-1", "plan.md", "text/markdown", 1234, "/api/files/f-1", null,
                        "7d1c0f4e-0000-4000-8000-000000000001", "ana", Instant.parse("2026-12-05T05:18:40Z"))),
                metadata, "discord", "d-99", Instant.parse("2026-12-05T06:00:00.5Z"), "ana", 3);
    }

    private static MessageView fewestFields() {
        return new MessageView("7d1c0f4e-0000-4000-8000-000000000002", 1, "dm:ana:bo", "user", "ana", null, "",
                Instant.parse("2026-12-05T05:18:40Z"), null, null, null, null, Map.of(), List.of(), null, null, null,
                null, null, 0);
    }
}
