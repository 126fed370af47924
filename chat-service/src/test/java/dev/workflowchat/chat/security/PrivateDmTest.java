package dev.workflowchat.chat.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.chat.support.Uploads;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DM matrix of the probe (bob read alice's "private: my AWS key…", its file, and found it by
 * search): two people and one agent; what one person says to the agent reaches that person and
 * that agent only, live, in history, search, files and resume; and nobody makes DM channels of
 * their own choosing.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PrivateDmTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Test
    void whatAlicesSaysToAnAgentReachesHerAndTheAgentAndNobodyElse() {
        SignedIn alice = Accounts.member("alice");
        SignedIn bob = Accounts.member("bob");
        String secret = "hunter" + System.nanoTime() % 100000;
        String dm = "dm:code:" + alice.username();
        String file = Uploads.uploaded(alice.token(), "keys.txt", Uploads.text("AWS key " + secret));
        long before;
        String messageId;
        try (ChatClient bobLive = ChatClient.connect(base, bob.token());
             ChatClient aliceLive = ChatClient.connect(base, alice.token())) {
            before = bobLive.awaitType("ready").path("last_seq").asLong();
            JsonNode ack = aliceLive.awaitAck(aliceLive.send("message.send", "channel", "dm:code",
                    "content", "private: my AWS key " + secret, "attachment_ids", List.of(file)));
            messageId = ack.path("message").path("message_id").asText();
            assertThat(ack.path("message").path("channel").asText()).isEqualTo(dm);
            aliceLive.awaitFrame(ChatClient.created(messageId));

            // the agent answers in the same DM, on its own way in
            new Agent(redis, names).addAs("code", Agent.message(Agent.newId(), "code", dm, "noted " + secret));
            aliceLive.awaitFrame(frame -> frame.path("message").path("content").asText().equals("noted " + secret));
            // a public message after both: once bob has it, he would have had the DM frames too
            String marker = aliceLive.post("general", "after the DM " + secret);
            bobLive.awaitFrame(ChatClient.created(marker));
            assertThat(bobLive.frames()).noneMatch(frame -> frame.toString().contains(dm) || frame.toString().contains(file));
        }

        // history, pins, files: alice has them, bob gets not found (not even that the DM exists)
        assertThat(History.contents(Accounts.inProcess(), alice.token(), dm)).contains("private: my AWS key " + secret);
        given().auth().oauth2(bob.token()).get("/api/channels/{name}/messages", dm).then().statusCode(404);
        given().auth().oauth2(bob.token()).get("/api/channels/{name}/pins", dm).then().statusCode(404);
        given().auth().oauth2(bob.token()).get("/api/channels/{name}/attachments", dm).then().statusCode(404);
        given().auth().oauth2(bob.token()).get("/api/files/" + file).then().statusCode(404);
        given().auth().oauth2(alice.token()).get("/api/files/" + file).then().statusCode(200);
        given().auth().oauth2(bob.token()).get("/api/messages/" + messageId + "/thread").then().statusCode(404);

        // search
        assertThat(given().auth().oauth2(bob.token()).queryParam("q", secret).get("/api/messages/search")
                .then().statusCode(200).extract().jsonPath().getList("results.channel")).doesNotContain(dm);
        assertThat(given().auth().oauth2(alice.token()).queryParam("q", secret).get("/api/messages/search")
                .then().statusCode(200).extract().jsonPath().getList("results.channel")).contains(dm);
        given().auth().oauth2(bob.token()).queryParam("q", secret).queryParam("channel", dm)
                .get("/api/messages/search").then().statusCode(404);

        // resume from before: bob gets everything public, nothing of the DM; alice gets the DM
        try (ChatClient bobBack = ChatClient.connect(base, bob.token())) {
            assertThat(bobBack.awaitType("ready").path("channels").findValuesAsText("name")).doesNotContain(dm);
            List<JsonNode> missed = resume(bobBack, before);
            assertThat(missed).isNotEmpty().noneMatch(frame -> frame.toString().contains(secret) && frame.toString().contains(dm));
            assertThat(missed).anyMatch(frame -> frame.path("message").path("content").asText().equals("after the DM " + secret));
            // nor can he act on the DM's message, or write there
            assertThat(bobBack.awaitError(bobBack.send("reaction.add", "message_id", messageId, "reaction", "👀"))
                    .path("code").asText()).isEqualTo("not_found");
            assertThat(bobBack.awaitError(bobBack.send("message.send", "channel", dm, "content", "hi"))
                    .path("code").asText()).isEqualTo("not_found");
            assertThat(bobBack.awaitError(bobBack.send("history", "channel", dm)).path("code").asText())
                    .isEqualTo("not_found");
            assertThat(bobBack.awaitError(bobBack.send("typing", "channel", dm)).path("code").asText())
                    .isEqualTo("not_found");
        }
        try (ChatClient aliceBack = ChatClient.connect(base, alice.token())) {
            assertThat(aliceBack.awaitType("ready").path("channels").findValuesAsText("name")).contains(dm);
            assertThat(resume(aliceBack, before)).anyMatch(frame -> frame.toString().contains("private: my AWS key " + secret));
        }
    }

    @Test
    void nobodyMakesDmChannelsOfTheirOwnChoosing() {
        SignedIn member = Accounts.member("mallory");
        try (ChatClient client = ChatClient.connect(base, member.token())) {
            assertThat(client.awaitError(client.send("message.send", "channel", "dm:ceo-private", "content", "hi"))
                    .path("code").asText()).as("no such agent").isEqualTo("not_found");
            assertThat(client.awaitError(client.send("message.send", "channel", "dm:code:someone-else", "content", "hi"))
                    .path("code").asText()).isEqualTo("not_found");
            assertThat(client.awaitError(client.send("typing", "channel", "no-such-channel")).path("code").asText())
                    .isEqualTo("not_found");
        }
        given().auth().oauth2(Accounts.admin().token()).get("/api/channels").then().statusCode(200)
                .extract().jsonPath().getList("name").forEach(name ->
                        assertThat((String) name).doesNotStartWith("dm:ceo-private"));
    }

    @Test
    void anAgentWritesOnlyToItsOwnDmsAndTheOldSharedOneIsForAdminsOnly() {
        SignedIn alice = Accounts.member("alice");
        Agent agents = new Agent(redis, names);
        String intruder = Agent.newId();
        agents.add(Agent.message(intruder, "qa", "dm:code:" + alice.username(), "not yours"));
        assertThat(agents.deadLetterOf(intruder)).contains("own DM channels");
        String noOne = Agent.newId();
        agents.add(Agent.message(noOne, "code", "dm:code:nobody-at-all", "hello?"));
        assertThat(agents.deadLetterOf(noOne)).contains("no user nobody-at-all");

        // the shared DM channel of before: an old agent may still write there; only admins read it
        String shared = "shared " + System.nanoTime();
        agents.add(Agent.message(Agent.newId(), "code", "dm:code", shared));
        await().atMost(ChatClient.WAIT).until(() -> History.contents(Accounts.inProcess(), Accounts.admin().token(),
                "dm:code").contains(shared));
        given().auth().oauth2(alice.token()).get("/api/channels/{name}/messages", "dm:code").then().statusCode(404);
    }

    private static List<JsonNode> resume(ChatClient client, long after) {
        long cursor = after;
        while (true) {
            JsonNode ack = client.awaitAck(client.send("resume", "after_seq", cursor));
            cursor = ack.path("last_seq").asLong();
            if (!ack.path("has_more").asBoolean()) {
                return client.frames().stream().filter(frame -> frame.has("seq") && frame.path("seq").asLong() > after)
                        .toList();
            }
        }
    }
}
