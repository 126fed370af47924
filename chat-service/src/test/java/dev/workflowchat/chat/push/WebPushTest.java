package dev.workflowchat.chat.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Approvals;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.Hooks;
import dev.workflowchat.chat.support.PushService;
import dev.workflowchat.chat.support.PushService.Device;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Web Push end to end against a push service the test runs: subscriptions through the REST API, a
 * push encrypted for the device and signed with the server's VAPID key, to exactly who it concerns.
 */
@QuarkusTest
@TestProfile(WebPushTest.WithVapidKeys.class)
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebPushTest {

    static final String[] VAPID = PushService.newVapidKeys();
    static PushService pushService;

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    private Approvals approvals;
    private Agent agent;

    /** This class's own app: VAPID keys set, and the test's push service (plain http on loopback) allowed. */
    public static class WithVapidKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wfchat.push.vapid-public-key", VAPID[0], "wfchat.push.vapid-private-key", VAPID[1],
                    "wfchat.push.vapid-subject", "mailto:ops@example.com",
                    "wfchat.push.allowed-test-endpoints", "http://127.0.0.1:");
        }
    }

    @BeforeAll
    static void startPushService() throws Exception {
        pushService = new PushService(VAPID[0]);
    }

    @AfterAll
    static void stopPushService() throws Exception {
        pushService.close();
    }

    @BeforeEach
    void setUp() {
        approvals = new Approvals(base, redis, names);
        agent = new Agent(redis, names);
    }

    @AfterEach
    void nothingBrokeTheProtocol() {
        assertThat(pushService.refusals()).isEmpty();
    }

    @Test
    void anApprovalIsPushedOnceToWhoMayDecideItAndNotToAMember() {
        Accounts.SignedIn approver = Accounts.approver("decider");
        Accounts.SignedIn member = Accounts.member("bystander");
        Device approverPhone = subscribed(approver, "phone-" + approver.username());
        Device memberPhone = subscribed(member, "phone-" + member.username());
        given(approver.token()).get("/api/push/key").then().statusCode(200)
                .body("enabled", equalTo(true)).body("public_key", equalTo(VAPID[0])).body("subscriptions", equalTo(1));

        String project = approvals.project("strict", 0);
        String id = Agent.newId();
        agent.add(Approvals.request(id, project, "high", ""));

        await().atMost(ChatClient.WAIT).until(() -> !approverPhone.received().isEmpty());
        PushService.Push push = approverPhone.received().get(0);
        assertThat(push.payload().path("kind").asText()).isEqualTo("approval");
        assertThat(push.payload().path("title").asText()).startsWith("Approval needed in #");
        assertThat(push.payload().path("body").asText()).contains("Change " + id);
        String messageId = approvals.get(id).path("message_id").asText();
        assertThat(push.payload().path("url").asText()).startsWith("/#/c/").endsWith("/m/" + messageId);

        // the member is told of a mention made after the request, and of nothing before it
        try (ChatClient author = ChatClient.connect(base, approver.token())) {
            author.awaitType("ready");
            author.post("general", "@" + member.username() + " have a look");
        }
        await().atMost(ChatClient.WAIT).until(() -> !memberPhone.received().isEmpty());
        assertThat(memberPhone.received()).extracting(received -> received.payload().path("kind").asText())
                .containsExactly("mention");
        assertThat(approverPhone.received()).hasSize(1);
    }

    @Test
    void aMentionAndAnAgentsDmArePushedToTheirPersonNeverToTheAuthor() {
        Accounts.SignedIn ann = Accounts.member("ann");
        Accounts.SignedIn ben = Accounts.member("ben");
        Device annLaptop = subscribed(ann, "laptop-" + ann.username());
        Device benLaptop = subscribed(ben, "laptop-" + ben.username());

        try (ChatClient annClient = ChatClient.connect(base, ann.token())) {
            annClient.awaitType("ready");
            annClient.post("general", "note to self @" + ann.username() + ", and @" + ben.username()
                    + " **see** this");
        }
        await().atMost(ChatClient.WAIT).until(() -> !benLaptop.received().isEmpty());
        PushService.Push mention = benLaptop.received().get(0);
        assertThat(mention.payload().path("title").asText()).isEqualTo("User " + ann.username() + " mentioned you in #general");
        assertThat(mention.payload().path("body").asText()).contains("see this").doesNotContain("**");

        String dm = "dm:code:" + ann.username();
        agent.add(Agent.message(Agent.newId(), "code", dm, "Build green"));
        await().atMost(ChatClient.WAIT).until(() -> !annLaptop.received().isEmpty());
        assertThat(annLaptop.received()).hasSize(1);
        assertThat(annLaptop.received().get(0).payload().path("kind").asText()).isEqualTo("dm");
        assertThat(annLaptop.received().get(0).payload().path("title").asText()).endsWith("in your DM with code");
        assertThat(annLaptop.received().get(0).payload().path("url").asText()).startsWith("/#/c/" + dm + "/m/");
        assertThat(benLaptop.received()).hasSize(1);
    }

    @Test
    void aWebhooksMentionsWakeNobody() {
        Accounts.SignedIn ann = Accounts.member("hooked");
        Device annLaptop = subscribed(ann, "laptop-" + ann.username());
        String channel = Channels.create("push-hook");
        Hooks.Made hook = Hooks.incoming(Accounts.inProcess(), channel, "Pager bot");
        Hooks.postJson(Accounts.inProcess(), hook.path(), "{\"text\":\"@" + ann.username() + " wake up\"}")
                .then().statusCode(200);
        Accounts.SignedIn ben = Accounts.member("waker");
        try (ChatClient client = ChatClient.connect(base, ben.token())) {
            client.awaitType("ready");
            client.post(channel, "@" + ann.username() + " a person asks");
        }
        await().atMost(ChatClient.WAIT).until(() -> !annLaptop.received().isEmpty());
        assertThat(annLaptop.received()).hasSize(1);
        assertThat(annLaptop.received().get(0).payload().path("title").asText()).startsWith("User " + ben.username());
    }

    @Test
    void aMutedDmAndAKindTurnedOffAreNotPushedAndAMentionStillIs() {
        Accounts.SignedIn ann = Accounts.member("quiet");
        Device laptop = subscribed(ann, "laptop-" + ann.username());
        String dm = "dm:code:" + ann.username();
        given(ann.token()).body("{\"desktop\":true,\"mentions\":true,\"dms\":true,\"approvals\":false,\"muted\":[\"" + dm + "\"]}")
                .put("/api/me/preferences").then().statusCode(200);

        agent.add(Agent.message(Agent.newId(), "code", dm, "muted news"));
        agent.add(Agent.message(Agent.newId(), "code", "general", "@" + ann.username() + " loud news"));
        await().atMost(ChatClient.WAIT).until(() -> !laptop.received().isEmpty());
        // the agent's stream is read in order: the DM before it was committed, and not pushed
        assertThat(laptop.received()).extracting(push -> push.payload().path("body").asText())
                .containsExactly("@" + ann.username() + " loud news");
    }

    @Test
    void aDeviceItsPushServiceForgotIsUnsubscribed() {
        Accounts.SignedIn ann = Accounts.member("gone");
        Device old = subscribed(ann, "old-" + ann.username());
        pushService.answer("old-" + ann.username(), 410);
        agent.add(Agent.message(Agent.newId(), "code", "dm:code:" + ann.username(), "anyone there?"));
        await().atMost(ChatClient.WAIT).until(() -> !old.received().isEmpty());
        await().atMost(ChatClient.WAIT).until(() -> given(ann.token()).get("/api/push/key").then().statusCode(200)
                .extract().<Integer>path("subscriptions") == 0);
    }

    @Test
    void badSubscriptionsAreRefusedAndChangeNothing() {
        Accounts.SignedIn ann = Accounts.member("careful");
        Device device = pushService.device("careful-" + ann.username());
        String good = device.subscriptionJson(pushService.endpoint("careful-" + ann.username()));
        Map<String, String> refused = Map.of(
                good.replace(pushService.origin(), "http://example.com"), "endpoint must be an https URL",
                good.replace(pushService.origin(), "javascript:alert(1)//"), "endpoint must be an https URL",
                good.replaceFirst("\"p256dh\":\"", "\"p256dh\":\"AAAA"), "keys.p256dh must be 65 bytes, base64url",
                good.replaceFirst("\"auth\":\"[^\"]+\"", "\"auth\":\"c2hvcnQ\""), "keys.auth must be 16 bytes, base64url",
                good.replaceFirst("\"auth\":\"[^\"]+\"", "\"auth\":12"), "keys.auth must be 16 bytes, base64url",
                "{\"endpoint\":\"https://push.example.com/" + "x".repeat(3000) + "\"}", "endpoint must be a URL of at most 2048 characters",
                "[]", "a push subscription is required");
        refused.forEach((body, detail) -> given(ann.token()).body(body).post("/api/push/subscriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.startsWith(detail)));
        given(ann.token()).body("{\"endpoint\":\"https://nowhere.example/\"}").delete("/api/push/subscriptions")
                .then().statusCode(404);
        RestAssured.given().baseUri(base.toString()).contentType(ContentType.JSON).body(good)
                .post("/api/push/subscriptions").then().statusCode(401);
        given(ann.token()).get("/api/push/key").then().body("subscriptions", equalTo(0));

        // at most 10 devices a person; the same device again is no new one; unsubscribing frees a place
        for (int i = 0; i < 10; i++) {
            given(ann.token()).body(device.subscriptionJson(pushService.endpoint("careful-" + i))).post("/api/push/subscriptions")
                    .then().statusCode(201);
        }
        given(ann.token()).body(device.subscriptionJson(pushService.endpoint("careful-3"))).post("/api/push/subscriptions")
                .then().statusCode(201);
        given(ann.token()).body(good).post("/api/push/subscriptions").then().statusCode(409);
        given(ann.token()).body("{\"endpoint\":\"" + pushService.endpoint("careful-3") + "\"}").delete("/api/push/subscriptions")
                .then().statusCode(204);
        given(ann.token()).body(good).post("/api/push/subscriptions").then().statusCode(201);
        given(ann.token()).get("/api/push/key").then().body("subscriptions", equalTo(10));
    }

    private Device subscribed(Accounts.SignedIn person, String deviceName) {
        Device device = pushService.device(deviceName);
        given(person.token()).body(device.subscriptionJson(pushService.endpoint(deviceName)))
                .post("/api/push/subscriptions").then().statusCode(201);
        return device;
    }

    private RequestSpecification given(String token) {
        return RestAssured.given().baseUri(base.toString()).auth().oauth2(token).contentType(ContentType.JSON);
    }
}
