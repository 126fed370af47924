package dev.workflowchat.chat.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How an example's written JSON is held against what the service sends. */
class ConversationExamplesTest {

    private static final JsonNode ACK = ConversationExamples.json(
            "{\"type\":\"ack\",\"ref\":\"d1\",\"message\":{\"message_id\":\"5f0c-1\",\"seq\":7,\"channel\":\"general\"}}");

    @Test
    void shouldMatchWhatIsShownAndIgnoreTheRest() {
        Map<String, String> values = new HashMap<>();
        assertThat(ConversationExamples.matches(json("{\"type\":\"ack\",\"message\":{\"seq\":…,\"channel\":\"general\",…}}"),
                ACK, values)).isTrue();
        assertThat(ConversationExamples.matches(json("{\"type\":\"ack\",\"message\":{\"channel\":\"random\",…}}"),
                ACK, values)).isFalse();
        assertThat(ConversationExamples.matches(json("{\"type\":\"ack\",\"missing\":\"…\"}"), ACK, values)).isFalse();
    }

    @Test
    void shouldBindAPlaceholderOnceAndHoldItToThatValue() {
        Map<String, String> values = new HashMap<>();
        assertThat(ConversationExamples.matches(json("{\"message\":{\"message_id\":\"7a1e…\"}}"), ACK, values)).isTrue();
        assertThat(values).containsEntry("7a1e…", "5f0c-1");
        JsonNode other = json("{\"message\":{\"message_id\":\"9999\"}}");
        assertThat(ConversationExamples.matches(json("{\"message\":{\"message_id\":\"7a1e…\"}}"), other, values)).isFalse();
        assertThat(ConversationExamples.bind(json("{\"message_id\":\"7a1e…\"}"), values).toString())
                .isEqualTo("{\"message_id\":\"5f0c-1\"}");
    }

    @Test
    void shouldReadAnEllipsisInsideATextAsAnyText() {
        Map<String, String> values = new HashMap<>();
        JsonNode error = json("{\"message\":\"changes up to 42 are no longer kept; reload\"}");
        assertThat(ConversationExamples.matches(json("{\"message\":\"changes up to … are no longer kept; reload\"}"),
                error, values)).isTrue();
        assertThat(ConversationExamples.matches(json("{\"message\":\"changes up to … are kept\"}"), error, values))
                .isFalse();
        assertThat(values).isEmpty();
    }

    private static JsonNode json(String written) {
        return ConversationExamples.json(written);
    }
}
