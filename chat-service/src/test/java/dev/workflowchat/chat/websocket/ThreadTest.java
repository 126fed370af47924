package dev.workflowchat.chat.websocket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.TestServices;
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
class ThreadTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void shouldCountLiveRepliesAndServeTheThreadInSeqOrder() {
        String token = Accounts.member("uma").token();
        String channel = Channels.create("threads");
        String root;
        List<String> replies;
        String marker = "wombat" + System.nanoTime() % 100000;
        try (ChatClient client = ChatClient.connect(base, token)) {
            root = client.post(channel, "should we ship the " + marker + "?");
            replies = List.of(reply(client, channel, root, "yes"), reply(client, channel, root, "after QA"),
                    reply(client, channel, root, "deleted soon"));
            // a reply to a reply joins the root's thread
            String nested = reply(client, channel, replies.get(0), "agreed");
            client.awaitAck(client.send("message.delete", "message_id", replies.get(2)));
            replies = List.of(replies.get(0), replies.get(1), nested);
        }

        JsonPath thread = given().auth().oauth2(token).get("/api/messages/{id}/thread", root)
                .then().statusCode(200).extract().jsonPath();
        assertThat(thread.getString("parent.message_id")).isEqualTo(root);
        assertThat(thread.getLong("parent.reply_count")).isEqualTo(3);
        assertThat(thread.getList("replies.message_id")).containsExactlyElementsOf(replies);
        assertThat(thread.getList("replies.thread_id")).containsOnly(root);
        assertThat(thread.getList("replies.reply_count")).containsOnly(0);

        // a reply's id opens the thread it is in
        given().auth().oauth2(token).get("/api/messages/{id}/thread", replies.get(1))
                .then().statusCode(200).body("parent.message_id", equalTo(root));

        Map<String, Object> inHistory = History.of(Accounts.inProcess(), token, channel).get(0);
        assertThat(inHistory.get("message_id")).isEqualTo(root);
        assertThat(((Number) inHistory.get("reply_count")).longValue()).isEqualTo(3);
        given().auth().oauth2(token).queryParam("q", marker).get("/api/messages/search")
                .then().statusCode(200).body("results[0].reply_count", equalTo(3));
    }

    @Test
    void unknownThreadsAreNotFoundAndRepliesMustStayInTheChannel() {
        String token = Accounts.member("vic").token();
        String channel = Channels.create("threadbad");
        given().auth().oauth2(token).get("/api/messages/{id}/thread", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
        given().auth().oauth2(token).get("/api/messages/{id}/thread", "not-a-uuid").then().statusCode(404);
        given().get("/api/messages/{id}/thread", UUID.randomUUID()).then().statusCode(401);
        try (ChatClient client = ChatClient.connect(base, token)) {
            String elsewhere = client.post("general", "in general");
            JsonNode error = client.awaitError(client.send("message.send", "channel", channel, "content", "x",
                    "thread_id", elsewhere));
            assertThat(error.path("code").asText()).isEqualTo("not_found");
            assertThat(client.awaitError(client.send("message.send", "channel", channel, "content", "x",
                    "thread_id", UUID.randomUUID().toString())).path("code").asText()).isEqualTo("not_found");
        }
        assertThat(History.of(Accounts.inProcess(), token, channel)).isEmpty();
    }

    private static String reply(ChatClient client, String channel, String threadId, String content) {
        JsonNode ack = client.awaitAck(client.send("message.send", "channel", channel, "content", content,
                "thread_id", threadId));
        assertThat(ack.path("message").path("reply_count").asLong()).isZero();
        return ack.path("message").path("message_id").asText();
    }
}
