package dev.workflowchat.chat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.chat.command.CommandService;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Bridge;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slash commands typed in Discord run once as the mapped web user; everyone sees the answer in the channel. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BridgeCommandsTest {


    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    private Bridge bridge;
    private String channel;
    private String watcher;

    @BeforeEach
    void setUp() {
        bridge = new Bridge(redis, names);
        channel = Channels.create("bridge-command");
        watcher = Accounts.member("watcher").token();
        await().atMost(ChatClient.WAIT).until(() -> redis.execute("PUBSUB", "NUMSUB", names.in()).get(1).toLong() >= 1);
    }

    @Test
    void helpRunAsTheMappedMemberIsAnsweredOnceInTheChannelWhicheverPathItComesBy() {
        Accounts.SignedIn member = Accounts.member("dana");
        ObjectNode help = Bridge.command(channel, member.username(), "/help");
        String externalId = help.path("data").path("external_id").asText();
        try (ChatClient client = ChatClient.connect(base, watcher)) {
            bridge.add(help);
            bridge.add(help);
            bridge.add(help);
            bridge.add(help);

            JsonNode message = client.awaitFrame(answerTo(externalId)).path("message");
            assertThat(message.path("channel").asText()).isEqualTo(channel);
            assertThat(message.path("author_type").asText()).isEqualTo("system");
            assertThat(message.path("author_id").asText()).isEqualTo("system");
            assertThat(message.path("author_name").asText()).isEqualTo("Workflow");
            assertThat(message.path("source").asText()).isEqualTo("system");
            assertThat(message.path("content").asText())
                    .startsWith("**User " + member.username() + "** ran `/help` from Discord:\n\n")
                    .contains("/sprint plan|start|pause|resume|end|status").contains("/approve [id …]");
            JsonNode metadata = message.path("metadata");
            assertThat(metadata.path("type").asText()).isEqualTo("command_result");
            assertThat(metadata.path("command").asText()).isEqualTo("/help");
            assertThat(metadata.path("user").asText()).isEqualTo(member.username());
            assertThat(metadata.path("ok").asBoolean()).isTrue();

            // later commands on each path are answered: every copy before them was handled
            ObjectNode laterOnStream = Bridge.command(channel, member.username(), "/help sprint");
            ObjectNode laterOnPubSub = Bridge.command(channel, member.username(), "/help nothing");
            bridge.add(laterOnStream);
            bridge.add(laterOnPubSub);
            client.awaitFrame(answerTo(laterOnStream.path("data").path("external_id").asText()));
            JsonNode unknown = client.awaitFrame(answerTo(laterOnPubSub.path("data").path("external_id").asText()));
            assertThat(unknown.path("message").path("metadata").path("ok").asBoolean()).isFalse();
            assertThat(unknown.path("message").path("content").asText())
                    .endsWith("No command nothing.\n\n*Type /help to see them all.*");

            assertThat(client.frames()).filteredOn(answerTo(externalId)).hasSize(1);
            assertThat(answersIn(client)).filteredOn(answer -> "/help".equals(answer.path("metadata")
                    .path("command").asText())).hasSize(1);
        }
        // on the out stream, where the bridge takes it back to Discord
        assertThat(outEvents()).filteredOn(event -> "message.created".equals(event.path("type").asText())
                && externalId.equals(event.path("data").path("metadata").path("external_id").asText())).hasSize(1);
    }

    @Test
    void approveFromDiscordAppliesTheRolesOfTheMappedUser() {
        String approvalId = Agent.newId();
        Accounts.SignedIn member = Accounts.member("mo");
        Accounts.SignedIn approver = Accounts.approver("ann");
        try (ChatClient client = ChatClient.connect(base, watcher)) {
            new Agent(redis, names).add(Agent.approvalRequest(approvalId, "code", "code_change", "Ship from Discord",
                    "{}", 600));
            client.awaitFrame(frame -> "approval.requested".equals(frame.path("type").asText())
                    && approvalId.equals(frame.path("approval").path("approval_id").asText()));

            ObjectNode byMember = Bridge.command(channel, member.username(), "/approve " + approvalId);
            bridge.add(byMember);
            JsonNode refused = client.awaitFrame(answerTo(byMember.path("data").path("external_id").asText()));
            assertThat(refused.path("message").path("metadata").path("ok").asBoolean()).isFalse();
            assertThat(refused.path("message").path("content").asText())
                    .contains("`" + approvalId + "`: only approvers and admins decide approvals");

            ObjectNode byApprover = Bridge.command(channel, approver.username(), "/approve " + approvalId);
            bridge.add(byApprover);
            JsonNode decided = client.awaitFrame(frame -> "approval.decided".equals(frame.path("type").asText())
                    && approvalId.equals(frame.path("approval").path("approval_id").asText()));
            assertThat(decided.path("approval").path("status").asText()).isEqualTo("approved");
            assertThat(decided.path("approval").path("decided_by").asText()).isEqualTo(approver.username());
            JsonNode approved = client.awaitFrame(answerTo(byApprover.path("data").path("external_id").asText()));
            assertThat(approved.path("message").path("metadata").path("ok").asBoolean()).isTrue();
            assertThat(approved.path("message").path("metadata").path("user").asText()).isEqualTo(approver.username());
            assertThat(approved.path("message").path("content").asText())
                    .startsWith("**User " + approver.username() + "** ran `/approve " + approvalId + "` from Discord:")
                    .endsWith("✅ `" + approvalId + "` approved");
        }
    }

    @Test
    void anApproveForgedOnTheAgentsWayInIsRefusedAndDecidesNothing() {
        String approvalId = Agent.newId();
        Accounts.SignedIn approver = Accounts.approver("ann-forged");
        try (ChatClient client = ChatClient.connect(base, watcher)) {
            new Agent(redis, names).add(Agent.approvalRequest(approvalId, "code", "code_change", "Ship it quietly",
                    "{}", 600));
            client.awaitFrame(frame -> "approval.requested".equals(frame.path("type").asText())
                    && approvalId.equals(frame.path("approval").path("approval_id").asText()));

            // an agent with write access to wfchat:in claims to be the bridge and names an approver
            ObjectNode forged = Bridge.command(channel, approver.username(), "/approve " + approvalId);
            bridge.forge(forged);

            assertThat(bridge.deadLetterOf(forged)).contains("accepted only on the bridge's stream");
            String marker = Bridge.snowflake();
            bridge.add(Bridge.message(channel, marker, "after the forgery"));
            client.awaitFrame(createdWithExternalId(marker));
            assertThat(client.frames()).noneMatch(frame -> "approval.decided".equals(frame.path("type").asText()));
            assertThat(client.frames()).noneMatch(answerTo(forged.path("data").path("external_id").asText()));
        }
        Accounts.inProcess().request().auth().oauth2(watcher).get("/api/approvals/{id}", approvalId)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("pending"));
    }

    /** A state-broadcaster that takes the command and never answers: the 5 s wait holds nothing else up. */
    @Test
    void aWorkflowCommandNobodyAnswersIsAnsweredSoWithoutHoldingUpOtherEvents() {
        Accounts.SignedIn member = Accounts.member("sprinter");
        ObjectNode sprint = Bridge.command(channel, member.username(), "/sprint start");
        String externalId = sprint.path("data").path("external_id").asText();
        String marker = Bridge.snowflake();
        var silentStateBroadcaster = redis.pubsub(String.class).subscribe(names.stateCommands(), ignored -> { });
        try (ChatClient client = ChatClient.connect(base, watcher)) {
            await().atMost(ChatClient.WAIT).until(() -> redis.execute("PUBSUB", "NUMSUB", names.stateCommands())
                    .get(1).toLong() >= 1);
            bridge.add(sprint);
            bridge.add(Bridge.message(channel, marker, "meanwhile in Discord"));

            client.awaitFrame(createdWithExternalId(marker));
            assertThat(client.frames()).noneMatch(answerTo(externalId));

            JsonNode answer = await().atMost(ChatClient.WAIT).until(() -> client.frames().stream()
                    .filter(answerTo(externalId)).findFirst().orElse(null), found -> found != null);
            assertThat(answer.path("message").path("content").asText())
                    .isEqualTo("**User " + member.username() + "** ran `/sprint start` from Discord:\n\n"
                            + CommandService.NO_ANSWER_YET);
            assertThat(answer.path("message").path("metadata").path("ok").asBoolean()).isFalse();
        } finally {
            silentStateBroadcaster.unsubscribe();
        }
    }

    @Test
    void aWorkflowCommandIsAnsweredWithTheStateBroadcastersResult() {
        Accounts.SignedIn member = Accounts.member("planner");
        Queue<String> invoked = new ConcurrentLinkedQueue<>();
        var stateBroadcaster = redis.pubsub(String.class).subscribe(names.stateCommands(), invoked::add);
        try (ChatClient client = ChatClient.connect(base, watcher)) {
            await().atMost(ChatClient.WAIT).until(() -> redis.execute("PUBSUB", "NUMSUB", names.stateCommands())
                    .get(1).toLong() >= 1);
            ObjectNode epic = Bridge.command(channel, member.username(), "/epic \"Login\"");
            bridge.add(epic);

            JsonNode invoke = await().atMost(ChatClient.WAIT).until(() -> invoked.stream().map(BridgeCommandsTest::read)
                    .filter(event -> "/epic".equals(event.path("data").path("command").asText()))
                    .findFirst().orElse(null), found -> found != null);
            assertThat(invoke.path("data").path("user").asText()).isEqualTo(member.username());
            assertThat(invoke.path("data").path("channel").asText()).isEqualTo(channel);
            redis.pubsub(String.class).publish(names.in(), """
                    {"v":1,"id":"%s","type":"command.result","source":"state-broadcaster",
                     "data":{"correlation_id":"%s","ok":true,"message":"Epic **Login** created.",
                             "hint":"Next: /sprint plan"}}"""
                    .formatted(Agent.newId(), invoke.path("data").path("correlation_id").asText()));

            JsonNode answer = client.awaitFrame(answerTo(epic.path("data").path("external_id").asText()));
            assertThat(answer.path("message").path("content").asText())
                    .isEqualTo("**User " + member.username() + "** ran `/epic \"Login\"` from Discord:\n\n"
                            + "Epic **Login** created.\n\n*Next: /sprint plan*");
            assertThat(answer.path("message").path("metadata").path("ok").asBoolean()).isTrue();
        } finally {
            stateBroadcaster.unsubscribe();
        }
    }

    @Test
    void badCommandsAreDeadLetteredWithTheirReasonAndTheServiceGoesOn() {
        Accounts.SignedIn member = Accounts.member("typo");
        ObjectNode impostor = Bridge.command(channel, member.username(), "/help").put("source", "agent:code");
        ObjectNode nobody = Bridge.command(channel, "nobody-" + System.nanoTime(), "/help");
        String nowhereName = "no-such-channel-" + System.nanoTime();
        ObjectNode nowhere = Bridge.command(nowhereName, member.username(), "/help");
        ObjectNode noSlash = Bridge.command(channel, member.username(), "help me");
        ObjectNode noUser = without(Bridge.command(channel, member.username(), "/help"), "user");
        ObjectNode noText = without(Bridge.command(channel, member.username(), "/help"), "text");
        ObjectNode noChannel = without(Bridge.command(channel, member.username(), "/help"), "channel");
        ObjectNode noExternalId = without(Bridge.command(channel, member.username(), "/help"), "external_id");
        try (ChatClient client = ChatClient.connect(base, watcher)) {
            bridge.add(impostor);
            bridge.add(nobody);
            bridge.add(nowhere);
            bridge.add(noSlash);
            bridge.add(noUser);
            bridge.add(noText);
            bridge.add(noChannel);
            bridge.add(noExternalId);

            assertThat(bridge.deadLetterOf(impostor))
                    .isEqualTo("bad_request: bridge.command must have source discord-bridge, not agent:code");
            assertThat(bridge.deadLetterOf(nobody)).isEqualTo("not_found: no user " + nobody.path("data").path("user").asText());
            assertThat(bridge.deadLetterOf(nowhere)).isEqualTo("not_found: no channel " + nowhereName);
            assertThat(bridge.deadLetterOf(noSlash)).contains("text must be a slash command");
            assertThat(bridge.deadLetterOf(noUser)).contains("missing field: user");
            assertThat(bridge.deadLetterOf(noText)).contains("missing field: text");
            assertThat(bridge.deadLetterOf(noChannel)).contains("missing field: channel");
            assertThat(bridge.deadLetterOf(noExternalId)).contains("missing field: external_id");

            // the service goes on, and none of them ran
            ObjectNode fine = Bridge.command(channel, member.username(), "/status");
            bridge.add(fine);
            client.awaitFrame(answerTo(fine.path("data").path("external_id").asText()));
            assertThat(answersIn(client)).extracting(answer -> answer.path("metadata").path("command").asText())
                    .containsExactly("/status");
        }
    }

    private static Predicate<JsonNode> answerTo(String externalId) {
        return frame -> "message.created".equals(frame.path("type").asText())
                && "command_result".equals(frame.path("message").path("metadata").path("type").asText())
                && externalId.equals(frame.path("message").path("metadata").path("external_id").asText());
    }

    private static Predicate<JsonNode> createdWithExternalId(String externalId) {
        return frame -> "message.created".equals(frame.path("type").asText())
                && externalId.equals(frame.path("message").path("external_id").asText());
    }

    /** The channel's answers to commands from Discord, oldest first. */
    private List<JsonNode> answersIn(ChatClient client) {
        List<JsonNode> answers = new java.util.ArrayList<>();
        client.awaitAck(client.send("history", "channel", channel)).path("messages").forEach(message -> {
            if ("command_result".equals(message.path("metadata").path("type").asText())) {
                answers.add(message);
            }
        });
        return answers;
    }

    private List<JsonNode> outEvents() {
        return redis.stream(String.class).xrange(names.outStream(), StreamRange.of("-", "+")).stream()
                .map(entry -> read(entry.payload().get("event")))
                .toList();
    }

    private static ObjectNode without(ObjectNode event, String field) {
        ((ObjectNode) event.get("data")).remove(field);
        return event;
    }

    private static JsonNode read(String json) {
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
