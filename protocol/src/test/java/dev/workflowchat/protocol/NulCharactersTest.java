package dev.workflowchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.InvalidEventException;
import dev.workflowchat.protocol.frame.ClientFrameParser;
import dev.workflowchat.protocol.frame.InvalidFrameException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NulCharactersTest {

    record Named(String name, List<String> tags, Map<String, Object> extra) {
    }

    @Test
    void shouldRefuseNulInFramesEnvelopesAndBoundBodiesAlike() {
        assertThatThrownBy(() -> new ClientFrameParser(ProtocolJson.mapper())
                .parse("{\"type\":\"message.send\",\"ref\":\"n1\",\"channel\":\"general\",\"content\":\"a\\u0000b\"}"))
                .isInstanceOf(InvalidFrameException.class).hasMessage(NulCharacters.REFUSED)
                .satisfies(e -> assertThat(((InvalidFrameException) e).ref()).isEqualTo("n1"));
        assertThatThrownBy(() -> new EventParser(ProtocolJson.mapper()).envelope(
                "{\"v\":1,\"id\":\"e1\",\"type\":\"agent.message\",\"source\":\"agent:qa\",\"data\":{\"metadata\":{\"k\\u0000\":1}}}"))
                .isInstanceOf(InvalidEventException.class).hasMessage(NulCharacters.REFUSED);
        for (String body : List.of("{\"name\":\"a\\u0000\"}", "{\"tags\":[\"\\u0000\"]}", "{\"extra\":{\"k\":\"\\u0000\"}}")) {
            assertThatThrownBy(() -> ProtocolJson.mapper().readValue(body, Named.class))
                    .as(body).isInstanceOf(JsonProcessingException.class).hasMessageContaining("U+0000");
        }
    }

    @Test
    void shouldFindNulInPlainValuesKeysIncluded() {
        assertThat(NulCharacters.in((Object) Map.of("ok", List.of("fine", Map.of("k\u0000", 1))))).isTrue();
        assertThat(NulCharacters.in((Object) Map.of("ok", List.of("fine", 1, true)))).isFalse();
        assertThat(NulCharacters.in((Object) null)).isFalse();
    }
}
