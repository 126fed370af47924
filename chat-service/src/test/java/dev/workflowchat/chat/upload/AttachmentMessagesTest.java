package dev.workflowchat.chat.upload;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.chat.support.Uploads;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AttachmentMessagesTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void shouldAttachOwnUploadsInOrderAndShowThemWhereverTheMessageIsShown() {
        SignedIn kay = Accounts.member("kay");
        SignedIn lou = Accounts.member("lou");
        String channel = Channels.create("files");
        String photo = Uploads.uploaded(kay.token(), "chart.png", Uploads.image("png", 50, 40));
        String notes = Uploads.uploaded(kay.token(), "notes.md", Uploads.text("# notes"));
        String marker = "quokka" + System.nanoTime() % 100000;

        try (ChatClient client = ChatClient.connect(base, kay.token())) {
            JsonNode ack = client.awaitAck(client.send("message.send", "channel", channel, "content", "",
                    "attachment_ids", List.of(photo, notes)));
            JsonNode message = ack.path("message");
            String messageId = message.path("message_id").asText();
            assertThat(message.path("content").asText()).isEmpty();
            assertThat(message.path("attachments").findValuesAsText("id")).containsExactly(photo, notes);
            assertThat(message.path("attachments").path(0).path("message_id").asText()).isEqualTo(messageId);
            assertThat(message.path("attachments").path(0).path("thumbnail_url").asText())
                    .isEqualTo("/api/files/" + photo + "/thumbnail");
            assertThat(message.path("attachments").path(1).path("thumbnail_url").isNull()).isTrue();
            assertThat(message.path("reply_count").asLong()).isZero();
            assertThat(message.path("pinned_at").isNull()).isTrue();

            JsonNode created = client.awaitFrame(ChatClient.created(messageId));
            assertThat(created.path("message").path("attachments").findValuesAsText("file_name"))
                    .containsExactly("chart.png", "notes.md");

            client.awaitAck(client.send("message.send", "channel", channel, "content", "the " + marker + " report",
                    "attachment_ids", List.of(Uploads.uploaded(kay.token(), "report.pdf", Uploads.text("%PDF-1.4")))));
        }

        List<Map<String, Object>> history = History.of(Accounts.inProcess(), lou.token(), channel);
        assertThat(history).hasSize(2);
        assertThat(ids(history.get(0).get("attachments"))).containsExactly(photo, notes);

        JsonPath files = given().auth().oauth2(lou.token()).get("/api/channels/{name}/attachments", channel)
                .then().statusCode(200).extract().jsonPath();
        assertThat(files.getList("file_name")).containsExactly("report.pdf", "chart.png", "notes.md");
        assertThat(files.getList("uploaded_by")).containsOnly(kay.username());
        assertThat(files.getString("[1].message_id")).isEqualTo(history.get(0).get("message_id"));
        given().auth().oauth2(lou.token()).queryParam("limit", 1).get("/api/channels/{name}/attachments", channel)
                .then().statusCode(200).body("size()", equalTo(1));
        given().auth().oauth2(lou.token()).queryParam("limit", 201).get("/api/channels/{name}/attachments", channel)
                .then().statusCode(400);
        given().auth().oauth2(lou.token()).get("/api/channels/nowhere/attachments").then().statusCode(404);

        // attached to a live message, a file is everyone's to see
        given().auth().oauth2(lou.token()).get("/api/files/" + photo).then().statusCode(200);
        given().auth().oauth2(lou.token()).get("/api/files/" + photo + "/thumbnail").then().statusCode(200);

        given().auth().oauth2(lou.token()).queryParam("q", marker).queryParam("channel", channel)
                .get("/api/messages/search")
                .then().statusCode(200)
                .body("results[0].attachments[0].file_name", equalTo("report.pdf"));
    }

    @Test
    void shouldRefuseUploadsThatAreAttachedSomeoneElsesUnknownOrRepeatedAndStoreNoMessage() {
        SignedIn max = Accounts.member("max");
        SignedIn ned = Accounts.member("ned");
        String channel = Channels.create("claims");
        String mine = Uploads.uploaded(max.token(), "a.txt", Uploads.text("a"));
        String spare = Uploads.uploaded(max.token(), "b.txt", Uploads.text("b"));
        String theirs = Uploads.uploaded(ned.token(), "c.txt", Uploads.text("c"));

        try (ChatClient client = ChatClient.connect(base, max.token())) {
            client.awaitAck(client.send("message.send", "channel", channel, "content", "first",
                    "attachment_ids", List.of(mine)));

            JsonNode again = client.awaitError(client.send("message.send", "channel", channel, "content", "again",
                    "attachment_ids", List.of(spare, mine)));
            assertThat(again.path("code").asText()).isEqualTo("bad_request");
            assertThat(again.path("message").asText()).contains("already attached");

            assertThat(client.awaitError(client.send("message.send", "channel", channel, "content", "stolen",
                    "attachment_ids", List.of(theirs))).path("code").asText()).isEqualTo("not_found");
            assertThat(client.awaitError(client.send("message.send", "channel", channel, "content", "ghost",
                    "attachment_ids", List.of(UUID.randomUUID().toString()))).path("code").asText()).isEqualTo("not_found");
            assertThat(client.awaitError(client.send("message.send", "channel", channel, "content", "twice",
                    "attachment_ids", List.of(spare, spare))).path("code").asText()).isEqualTo("bad_request");
            assertThat(client.awaitError(client.send("message.send", "channel", channel, "content", "junk",
                    "attachment_ids", List.of("not-an-id"))).path("code").asText()).isEqualTo("bad_request");
            assertThat(client.awaitError(client.send("message.send", "channel", channel, "content", "",
                    "attachment_ids", List.of())).path("code").asText()).isEqualTo("bad_request");
        }

        assertThat(History.contents(Accounts.inProcess(), max.token(), channel)).containsExactly("first");
        // the failed sends left the spare upload free to attach
        try (ChatClient client = ChatClient.connect(base, max.token())) {
            client.awaitAck(client.send("message.send", "channel", channel, "content", "spare",
                    "attachment_ids", List.of(spare)));
        }
        given().auth().oauth2(ned.token()).get("/api/files/" + theirs).then().statusCode(200);
    }

    @Test
    void aDeletedMessagesFilesAreGone() {
        SignedIn oli = Accounts.member("oli");
        String channel = Channels.create("gone");
        String file = Uploads.uploaded(oli.token(), "secret.png", Uploads.image("png", 20, 20));
        try (ChatClient client = ChatClient.connect(base, oli.token())) {
            String messageId = client.awaitAck(client.send("message.send", "channel", channel, "content", "oops",
                    "attachment_ids", List.of(file))).path("message").path("message_id").asText();
            client.awaitAck(client.send("message.delete", "message_id", messageId));
        }
        given().auth().oauth2(oli.token()).get("/api/files/" + file).then().statusCode(404);
        given().auth().oauth2(oli.token()).get("/api/files/" + file + "/thumbnail").then().statusCode(404);
        given().auth().oauth2(oli.token()).get("/api/channels/{name}/attachments", channel)
                .then().statusCode(200).body("size()", equalTo(0));
        assertThat(ids(History.of(Accounts.inProcess(), oli.token(), channel).get(0).get("attachments"))).isEmpty();
    }

    @Test
    void resumeReplaysTheFilesOfAMessage() {
        SignedIn pat = Accounts.member("pat");
        String channel = Channels.create("replay");
        long cursor;
        try (ChatClient client = ChatClient.connect(base, pat.token())) {
            cursor = client.awaitType("ready").path("last_seq").asLong();
            client.awaitAck(client.send("message.send", "channel", channel, "content", "with file",
                    "attachment_ids", List.of(Uploads.uploaded(pat.token(), "r.txt", Uploads.text("r")))));
        }
        try (ChatClient client = ChatClient.connect(base, pat.token())) {
            client.awaitAck(client.send("resume", "after_seq", cursor));
            JsonNode replayed = client.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                    && channel.equals(frame.path("message").path("channel").asText()));
            assertThat(replayed.path("message").path("attachments").findValuesAsText("file_name")).containsExactly("r.txt");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Object attachments) {
        return ((List<Map<String, Object>>) attachments).stream().map(file -> file.get("id")).toList();
    }
}
