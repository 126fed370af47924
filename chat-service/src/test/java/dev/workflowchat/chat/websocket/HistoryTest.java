package dev.workflowchat.chat.websocket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HistoryTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void shouldPageBackwardsWithoutGapsOrRepeats() {
        String channel = Channels.create("history");
        List<String> posted = new ArrayList<>();
        try (ChatClient client = ChatClient.connect(base, Accounts.member("historian").token())) {
            for (int i = 0; i < 57; i++) {
                posted.add(client.post(channel, "entry " + i));
            }

            List<String> read = new ArrayList<>();
            Long before = null;
            int pages = 0;
            boolean more = true;
            while (more) {
                JsonNode page = client.awaitAck(before == null
                        ? client.send("history", "channel", channel, "limit", 10)
                        : client.send("history", "channel", channel, "limit", 10, "before_seq", before));
                List<String> ids = page.path("messages").findValuesAsText("message_id");
                read.addAll(0, ids);
                more = page.path("has_more").asBoolean();
                before = page.path("messages").get(0).path("seq").asLong();
                pages++;
            }
            assertThat(pages).isEqualTo(6);
            assertThat(read).containsExactlyElementsOf(posted);
        }
    }

    @Test
    void shouldServeTheSameHistoryOverRest() {
        String channel = Channels.create("resthistory");
        String token = Accounts.member("reader").token();
        List<String> posted = new ArrayList<>();
        try (ChatClient client = ChatClient.connect(base, token)) {
            for (int i = 0; i < 7; i++) {
                posted.add(client.post(channel, "rest entry " + i));
            }
            client.awaitAck(client.send("message.delete", "message_id", posted.get(6)));
        }
        JsonPath newest = given().auth().oauth2(token).queryParam("limit", 4)
                .get("/api/channels/{name}/messages", channel)
                .then().statusCode(200).extract().jsonPath();
        assertThat(newest.getList("messages.message_id", String.class)).containsExactlyElementsOf(posted.subList(3, 7));
        assertThat(newest.getBoolean("has_more")).isTrue();
        assertThat(newest.getString("messages[3].content")).isEmpty();
        assertThat(newest.getString("messages[3].deleted_at")).isNotNull();

        long before = newest.getLong("messages[0].seq");
        JsonPath older = given().auth().oauth2(token).queryParam("limit", 4).queryParam("before_seq", before)
                .get("/api/channels/{name}/messages", channel)
                .then().statusCode(200).extract().jsonPath();
        assertThat(older.getList("messages.message_id", String.class)).containsExactlyElementsOf(posted.subList(0, 3));
        assertThat(older.getBoolean("has_more")).isFalse();
    }
}
