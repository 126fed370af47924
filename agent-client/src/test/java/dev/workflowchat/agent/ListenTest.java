package dev.workflowchat.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedRedis.class)
class ListenTest {

    private String agent;
    private ChatSimulator chat;

    @BeforeEach
    void setUp() {
        agent = SharedRedis.agent("qa");
        chat = SharedRedis.chat(agent);
    }

    @AfterEach
    void close() {
        chat.close();
    }

    @Test
    void shouldHearDirectMessagesAndTasksInOrder() {
        try (AgentClient client = SharedRedis.connect(agent)) {
            List<AgentEvent> heard = new CopyOnWriteArrayList<>();
            client.listen(heard::add);

            chat.direct("@" + agent + " how is the suite?");
            chat.assign("Run the regression suite");
            Listening.until(() -> heard.size() == 2);

            assertThat(heard.get(0)).isInstanceOfSatisfying(AgentEvent.DirectMessage.class, direct -> {
                assertThat(direct.content()).isEqualTo("@" + agent + " how is the suite?");
                assertThat(direct.channel()).isEqualTo("dm:" + agent);
                assertThat(direct.authorName()).isEqualTo("Alice");
                assertThat(direct.authorType()).isEqualTo("user");
            });
            assertThat(heard.get(1)).isInstanceOfSatisfying(AgentEvent.TaskAssigned.class, task -> {
                assertThat(task.task()).isEqualTo("Run the regression suite");
                assertThat(task.assignedBy()).isEqualTo("alice");
                assertThat(task.channel()).isEqualTo("general");
            });
        }
    }

    @Test
    void shouldNotReplayWhatCameBeforeConnectWithoutACursor() {
        chat.direct("old news");
        try (AgentClient client = SharedRedis.connect(agent)) {
            List<AgentEvent> heard = new CopyOnWriteArrayList<>();
            client.listen(heard::add);
            chat.direct("fresh");
            Listening.until(() -> !heard.isEmpty());
            Listening.stays(() -> heard.size() == 1, Duration.ofMillis(200));

            assertThat(heard).singleElement().isInstanceOfSatisfying(AgentEvent.DirectMessage.class,
                    direct -> assertThat(direct.content()).isEqualTo("fresh"));
        }
    }

    @Test
    void shouldCatchUpFromTheCursorFileAfterARestart(@TempDir Path dir) throws Exception {
        Path cursor = dir.resolve("qa.cursor");
        AgentOptions options = AgentOptions.of(SharedRedis.uri(), SharedRedis.prefix(), agent).withCursorFile(cursor);
        List<AgentEvent> before = new CopyOnWriteArrayList<>();
        try (AgentClient client = AgentClient.connect(options)) {
            client.listen(before::add);
            chat.direct("first");
            Listening.until(() -> before.size() == 1);
            Listening.until(() -> Files.exists(cursor));
        }

        chat.assign("Check the login page");
        chat.direct("second");

        List<AgentEvent> after = new CopyOnWriteArrayList<>();
        try (AgentClient restarted = AgentClient.connect(options)) {
            restarted.listen(after::add);
            Listening.until(() -> after.size() == 2);
            Listening.stays(() -> after.size() == 2, Duration.ofMillis(200));
        }
        assertThat(after).hasSize(2);
        assertThat(after.get(0)).isInstanceOf(AgentEvent.TaskAssigned.class);
        assertThat(after.get(1)).isInstanceOfSatisfying(AgentEvent.DirectMessage.class,
                direct -> assertThat(direct.content()).isEqualTo("second"));
        assertThat(Files.readString(cursor)).isEqualTo(after.get(1).entryId());
    }

    @Test
    void shouldSkipAnUnreadableEntryAndKeepListening() {
        try (AgentClient client = SharedRedis.connect(agent)) {
            List<AgentEvent> heard = new CopyOnWriteArrayList<>();
            client.listen(event -> {
                heard.add(event);
                if (heard.size() == 1) {
                    throw new IllegalStateException("a handler bug");
                }
            });
            chat.rawToAgent("not json");
            chat.direct("one");
            chat.direct("two");
            Listening.until(() -> heard.size() == 2);
        }
    }
}
