package dev.workflowchat.chat.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.chat.support.Uploads;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The probe resumed from before an edit and a delete and read "prod password: hunter2" again: the
 * change log kept the first {@code message.created}. An edit or a delete now rewrites the message's
 * earlier records, so what a message no longer says is handed out by no resume.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ScrubbedResumeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aResumeFromBeforeAnEditOrADeleteNoLongerHandsOutWhatWasSaid() {
        SignedIn alice = Accounts.member("alice");
        String secret = "hunter" + System.nanoTime() % 100000;
        String fileSecret = "filename-" + secret + ".txt";
        long before;
        String edited;
        String deleted;
        String file = Uploads.uploaded(alice.token(), fileSecret, Uploads.text("contents " + secret));
        try (ChatClient client = ChatClient.connect(base, alice.token())) {
            before = client.awaitType("ready").path("last_seq").asLong();
            edited = client.post("general", "prod password: " + secret);
            client.awaitAck(client.send("reaction.add", "message_id", edited, "reaction", "👀"));
            client.awaitAck(client.send("message.pin", "message_id", edited));
            client.awaitAck(client.send("message.edit", "message_id", edited, "content", "password rotated"));
            deleted = client.awaitAck(client.send("message.send", "channel", "general", "content",
                    "the key file, " + secret, "attachment_ids", List.of(file))).path("message").path("message_id").asText();
            client.awaitAck(client.send("message.delete", "message_id", deleted));
        }

        try (ChatClient reader = ChatClient.connect(base, Accounts.member("reader").token())) {
            List<JsonNode> missed = ResumeTest.resumeFully(reader, before);
            assertThat(missed).extracting(frame -> frame.path("type").asText()).containsSubsequence(
                    "message.created", "reaction.updated", "message.pinned", "message.edited", "message.created",
                    "message.deleted");
            assertThat(missed).allSatisfy(frame -> assertThat(frame.toString())
                    .doesNotContain(secret).doesNotContain(file).doesNotContain(fileSecret));
            JsonNode created = missed.stream().filter(frame -> "message.created".equals(frame.path("type").asText())
                    && edited.equals(frame.path("message").path("message_id").asText())).findFirst().orElseThrow();
            assertThat(created.path("message").path("content").asText()).isEqualTo("password rotated");
            JsonNode createdThenDeleted = missed.stream().filter(frame -> "message.created".equals(frame.path("type").asText())
                    && deleted.equals(frame.path("message").path("message_id").asText())).findFirst().orElseThrow();
            assertThat(createdThenDeleted.path("message").path("content").asText()).isEmpty();
            assertThat(createdThenDeleted.path("message").path("attachments").size()).isZero();
            assertThat(createdThenDeleted.path("message").path("deleted_at").isNull()).isFalse();
        }
    }
}
