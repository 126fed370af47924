package dev.workflowchat.chat.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code /project bind|unbind}: an admin or approver binds a public channel to an existing,
 * unarchived project; every client learns it from the message posted in the channel, and a
 * new connection sees it on the channel. Anything else is answered why, and binds nothing.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ProjectBindingsTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Test
    void anApproverBindsAChannelAndEveryoneLearnsIt() {
        String project = existing("bound-", false);
        String channel = Channels.create("bind");
        Accounts.SignedIn approver = Accounts.approver("binder");
        try (ChatClient watcher = ChatClient.connect(base, Accounts.member("watcher").token());
             ChatClient client = ChatClient.connect(base, approver.token())) {
            watcher.awaitType("ready");
            client.awaitType("ready");
            JsonNode bound = run(client, channel, "/project bind " + project);
            assertThat(bound.path("ok").asBoolean()).as(bound.toString()).isTrue();
            JsonNode told = watcher.awaitFrame(frame -> "message.created".equals(frame.path("type").asText())
                    && channel.equals(frame.path("message").path("channel").asText()));
            assertThat(told.path("message").path("metadata").path("type").asText()).isEqualTo("project_bound");
            assertThat(told.path("message").path("metadata").path("project").asText()).isEqualTo(project);
            assertThat(told.path("message").path("content").asText()).contains(approver.username()).contains(project);
        }
        try (ChatClient later = ChatClient.connect(base, Accounts.member("later").token())) {
            assertThat(channelIn(later.awaitType("ready"), channel).path("project").asText()).isEqualTo(project);
        }
        try (ChatClient client = ChatClient.connect(base, approver.token())) {
            client.awaitType("ready");
            assertThat(run(client, channel, "/project unbind").path("ok").asBoolean()).isTrue();
        }
        try (ChatClient later = ChatClient.connect(base, Accounts.member("later").token())) {
            assertThat(channelIn(later.awaitType("ready"), channel).path("project").isNull()).isTrue();
        }
    }

    @Test
    void onlyAnApproverBindsAPublicChannelToAProjectThatExistsAndIsNotArchived() {
        String project = existing("ok-", false);
        String archived = existing("old-", true);
        String channel = Channels.create("nobind");
        try (ChatClient member = ChatClient.connect(base, Accounts.member("plain").token());
             ChatClient approver = ChatClient.connect(base, Accounts.approver("boss").token())) {
            member.awaitType("ready");
            approver.awaitType("ready");
            assertRefused(run(member, channel, "/project bind " + project), "Only admins and approvers");
            assertRefused(run(member, channel, "/project create " + project + "-x"), "Only admins and approvers");
            assertRefused(run(approver, channel, "/project bind nobody-made-" + UUID.randomUUID().toString().substring(0, 6)),
                    "No project nobody-made-");
            assertRefused(run(approver, channel, "/project bind " + archived), "is archived");
            assertRefused(run(approver, channel, "/project bind Not A Name"), "Name the project");
            assertRefused(run(approver, channel, "/project bind"), "Name the project");
            assertRefused(run(approver, channel, "/project unbind now"), "takes nothing more");
            assertRefused(run(approver, "dm:helper", "/project bind " + project), "public channel");
        }
        try (ChatClient later = ChatClient.connect(base, Accounts.member("later").token())) {
            assertThat(channelIn(later.awaitType("ready"), channel).path("project").isNull()).isTrue();
        }
    }

    /** A project as the state-broadcaster leaves it in Redis: its snapshot key. */
    private String existing(String prefix, boolean archived) {
        String project = prefix + UUID.randomUUID().toString().substring(0, 8);
        redis.value(String.class).set(names.stateSnapshot(project),
                "{\"project\":\"" + project + "\",\"state\":\"IDLE\",\"archived\":" + archived + "}");
        return project;
    }

    private static JsonNode channelIn(JsonNode ready, String channel) {
        return StreamSupport.stream(ready.path("channels").spliterator(), false)
                .filter(each -> channel.equals(each.path("name").asText())).findFirst().orElseThrow();
    }

    private static void assertRefused(JsonNode answer, String why) {
        assertThat(answer.path("ok").asBoolean()).as(answer.toString()).isFalse();
        assertThat(answer.path("message").asText()).contains(why);
    }

    private static JsonNode run(ChatClient client, String channel, String text) {
        JsonNode answer = client.awaitAnswer(client.send("message.send", "channel", channel, "content", text));
        assertThat(answer.path("type").asText()).isEqualTo("command.result");
        return answer;
    }
}
