package dev.workflowchat.chat.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.chat.support.StateBroadcasterProcess;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * A whole project's life through the chat's WebSocket, both services running: a project bound to
 * a channel, epics, stories (one proposed by an agent, accepted with one dropped), a sprint of
 * three with a goal, a pause with its reason, TDD cycles with evidence (one refused in strict
 * mode), the end and its review, feedback, the history; and a second project in another channel
 * running its own sprint at the same time, neither's posts or state showing in the other's.
 */
class ProjectLifeIT {

    @Test
    void aProjectLivesThroughASprintBesideAnother() throws Exception {
        try (TestRun run = TestRun.start();
             ChatServiceProcess chat = ChatServiceProcess.start("life", run, run.redis(), Map.of());
             StateBroadcasterProcess state = StateBroadcasterProcess.start(run, run.redis());
             RedisClient redis = new RedisClient(run.redis().uri())) {
            RedisNames names = new RedisNames(run.redisPrefix());
            Accounts accounts = Accounts.on(chat.base());
            Accounts.SignedIn leader = accounts.newApprover("lead");
            String lead = leader.token();
            String web = Channels.create(accounts, "web");
            String api = Channels.create(accounts, "api");
            String shop = "shop-" + UUID.randomUUID().toString().substring(0, 6);
            String gateway = "gateway-" + UUID.randomUUID().toString().substring(0, 6);
            try (ChatClient client = ChatClient.connect(chat.base(), lead)) {
                client.awaitType("ready");
                assertThat(ok(client, "general", "/project create " + shop + " \"The web shop\"")).contains("created");
                assertThat(ok(client, "general", "/project create " + gateway)).contains("created");
                assertThat(ok(client, web, "/project bind " + shop)).contains("bound to project **" + shop + "**");
                assertThat(ok(client, api, "/project bind " + gateway)).contains(gateway);
                client.awaitFrame(frame -> isMessageIn(frame, web) && "project_bound".equals(
                        frame.path("message").path("metadata").path("type").asText()));

                ok(client, web, "/epic \"Checkout\" \"pay by card\"");
                ok(client, web, "/epic \"Accounts\"");
                ok(client, web, "/story add E1 \"Card form\" \"validates the number\"");
                ok(client, web, "/story add E1 \"Receipt\"");
                ok(client, web, "/story add E2 \"Sign up\"");
                ok(client, web, "/story add E2 \"Profile page\"");
                ok(client, web, "/story update S1 points 3");
                ok(client, web, "/story update S2 points 2");

                // the design agent proposes two stories; a person accepts them but one
                redis.xadd(names.inStream(), "{\"v\":1,\"id\":\"proposal-" + UUID.randomUUID() + "\",\"type\":\"stories.proposed\","
                        + "\"source\":\"agent:design\",\"data\":{\"project\":\"" + shop + "\",\"epic\":\"E2\",\"stories\":["
                        + "{\"title\":\"Sign in\",\"criteria\":\"with a passkey\",\"priority\":\"high\",\"points\":2},"
                        + "{\"title\":\"Delete account\",\"priority\":\"low\"}]}}");
                JsonNode proposal = client.awaitFrame(frame -> "approval.requested".equals(frame.path("type").asText())
                        && "story_proposal".equals(frame.path("approval").path("request_type").asText()));
                String proposalId = proposal.path("approval").path("approval_id").asText();
                assertThat(proposal.path("approval").path("project").asText()).isEqualTo(shop);
                client.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                        && proposalId.equals(frame.path("message").path("metadata").path("approval_id").asText())
                        && frame.path("message").path("content").asText().contains("**Sign in** · high · 2 pts — with a passkey"));
                client.awaitAck(client.send("approval.respond", "approval_id", proposalId, "action", "modify",
                        "comment", "not now", "modifications", Map.of("drop", List.of("Delete account"))));
                await().atMost(ChatClient.WAIT).until(() -> answer(client, web, "/backlog view").contains("Sign in"));
                String backlog = answer(client, web, "/backlog view");
                assertThat(backlog).contains("S5 Sign in · high · 2 pts · backlog (E2)").doesNotContain("Delete account");

                ok(client, web, "/sprint plan 2w S1 S2 S5 \"Take payments\"");
                ok(client, web, "/sprint start");
                // meanwhile, the other project runs its own sprint in its own channel
                ok(client, api, "/epic \"Rate limits\"");
                ok(client, api, "/story add E1 \"Per key\"");
                ok(client, api, "/sprint plan 1w S1");
                ok(client, api, "/sprint start");
                assertThat(ok(client, web, "/sprint pause \"waiting on API keys\"")).contains("waiting on API keys");
                assertThat(answer(client, web, "/sprint status")).contains("waiting on API keys");
                ok(client, web, "/sprint resume");

                // TDD with evidence, as the code agent reports it (strict mode: a green with failures is refused)
                String refused = report(redis, names, shop, "S1", "TEST_RED", "{\"passed\":4,\"failed\":2}");
                String lie = report(redis, names, shop, "S1", "CODE_GREEN", "{\"passed\":5,\"failed\":1}");
                await().atMost(ChatClient.WAIT).until(() -> StreamSupport.stream(redis.xrange(names.agentStream("code")).spliterator(), false)
                        .anyMatch(entry -> entry.toString().contains(lie) && entry.toString().contains("tdd.refused")));
                report(redis, names, shop, "S1", "CODE_GREEN", "{\"passed\":6,\"failed\":0}");
                report(redis, names, shop, "S1", "COMMIT", "{\"passed\":6,\"failed\":0}");
                await().atMost(ChatClient.WAIT).until(() -> answer(client, web, "/story show S1").contains("· review ·"));
                assertThat(answer(client, web, "/tdd logs S1")).contains("TEST_RED by agent:code · tests 4 passed, 2 failed")
                        .doesNotContain("5 passed, 1 failed");
                assertThat(refused).isNotBlank();
                ok(client, web, "/tdd start S2");
                assertThat(answer(client, web, "/tdd overview")).contains("S2 Receipt: DESIGN");

                JsonNode end = client.awaitAnswer(client.send("message.send", "channel", web, "content", "/sprint end"));
                assertThat(end.path("ok").asBoolean()).isFalse();
                assertThat(end.path("message").asText()).contains("/sprint end --force");
                ok(client, web, "/sprint end --force");
                JsonNode review = client.awaitFrame(frame -> isMessageIn(frame, web)
                        && frame.path("message").path("content").asText().contains("**Sprint 1 review** · goal: Take payments"));
                assertThat(review.path("message").path("content").asText())
                        .contains("Done (3 of 7 points): S1 Card form")
                        .contains("Not done, back to the backlog: S2 Receipt (in_progress), S5 Sign in (planned)")
                        .contains("Pauses: " + leader.username() + " (waiting on API keys)");
                ok(client, web, "/feedback \"good start\"");
                assertThat(answer(client, web, "/sprint history"))
                        .contains("Sprint 1 · 14 days · Take payments · planned 7 points, done 3 · 1 of 3 stories · feedback: good start");

                // each project's posts went to its own channel only
                List<String> webPosts = transitionsIn(client, web);
                List<String> apiPosts = transitionsIn(client, api);
                assertThat(webPosts).hasSizeGreaterThanOrEqualTo(6).noneMatch(post -> post.contains("Rate limits"));
                assertThat(apiPosts).hasSize(3).noneMatch(post -> post.contains("Take payments"));
                assertThat(transitionsIn(client, "workflow")).isEmpty();
            }
            try (ChatClient later = ChatClient.connect(chat.base(), lead)) {
                JsonNode ready = later.awaitType("ready");
                assertThat(ready.path("snapshots").path(shop).path("state").asText()).isEqualTo("IDLE");
                assertThat(ready.path("snapshots").path(gateway).path("state").asText()).isEqualTo("SPRINT_ACTIVE");
                assertThat(ready.path("snapshot").path("project").asText()).isEqualTo("default");
                assertThat(ready.path("snapshot").path("state").asText()).isEqualTo("IDLE");
                JsonNode webChannel = StreamSupport.stream(ready.path("channels").spliterator(), false)
                        .filter(channel -> web.equals(channel.path("name").asText())).findFirst().orElseThrow();
                assertThat(webChannel.path("project").asText()).isEqualTo(shop);
                assertThat(answer(later, "general", "/projects")).contains("**" + shop + "** · IDLE")
                        .contains("**" + gateway + "** · SPRINT_ACTIVE · sprint 1: 0 of 0 points, day 1 of 7");
            }
        }
    }

    private static String report(RedisClient redis, RedisNames names, String project, String story, String to, String tests) {
        String id = "tdd-" + UUID.randomUUID();
        redis.xadd(names.stateInStream(), "{\"v\":1,\"id\":\"" + id + "\",\"type\":\"tdd.report\",\"source\":\"agent:code\","
                + "\"data\":{\"project\":\"" + project + "\",\"story_id\":\"" + story + "\",\"to\":\"" + to + "\",\"tests\":" + tests + "}}");
        return id;
    }

    private static boolean isMessageIn(JsonNode frame, String channel) {
        return "message.created".equals(frame.path("type").asText()) && channel.equals(frame.path("message").path("channel").asText());
    }

    private static List<String> transitionsIn(ChatClient client, String channel) {
        return client.frames().stream().filter(frame -> isMessageIn(frame, channel)
                        && "workflow_transition".equals(frame.path("message").path("metadata").path("type").asText()))
                .map(frame -> frame.path("message").path("content").asText()).toList();
    }

    private static String ok(ChatClient client, String channel, String text) {
        JsonNode result = client.awaitAnswer(client.send("message.send", "channel", channel, "content", text));
        assertThat(result.path("ok").asBoolean()).as(text + " → " + result.path("message").asText()).isTrue();
        return result.path("message").asText();
    }

    private static String answer(ChatClient client, String channel, String text) {
        return client.awaitAnswer(client.send("message.send", "channel", channel, "content", text)).path("message").asText();
    }
}
