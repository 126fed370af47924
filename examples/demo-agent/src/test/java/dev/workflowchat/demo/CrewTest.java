package dev.workflowchat.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CrewTest {

    private static TestRun run;

    @BeforeAll
    static void startRedis() {
        run = TestRun.start();
    }

    @AfterAll
    static void stopRedis() {
        run.close();
    }

    @Test
    void shouldPlayARoundReactingToEveryKindOfDecisionAndFollowTasksAndDms() throws Exception {
        DemoConfig config = new DemoConfig(List.of(run.redis().uri()), run.redisPrefix(), "general",
                Duration.ofMillis(60), Duration.ofSeconds(30), 1);
        Crew crew = new Crew(config, run.redis().uri());
        try (ChatStandIn chat = new ChatStandIn(run.redis().uri(), run.redisPrefix(), CrewTest::decide)) {
            crew.start();
            chat.toAgent("qa", Envelope.create(EventTypes.TASK_ASSIGNED, "chat-service", null,
                    Map.of("agent", "qa", "task", "Write the e2e test", "assigned_by", "alice", "channel", "general")));
            chat.toAgent("code", direct("code", "user", "alice", "what is your status?"));
            chat.toAgent("code", direct("code", "agent", "qa", "@code ping"));
            crew.awaitFinished();
            crew.stop();

            String general = String.join("\n", chat.messagesIn("general"));
            assertThat(general)
                    .contains("orchestrator: 🎭 Morning, team!")
                    .contains("```java")
                    .contains("code: 🙏 @alice rejected *Token exchange*:\n\n> Please add a test for the error case")
                    .contains("code: Revised diff:")
                    .contains("code: 👍 @alice approved *Token exchange (revision 1)*. Merging…")
                    .contains("orchestrator: 👍 @alice approved *Start sprint 1*. Moving the workflow to **SPRINT_ACTIVE**.")
                    .contains("orchestrator: ✏️ @alice approved *Run sprint 1 work in parallel* with changes")
                    .contains("Starting 2 tasks in parallel.")
                    .contains("design: 👍 @alice approved *Sign-in styles*")
                    .contains("qa: ⌛ Nobody decided on *Quarantine flaky tests* in time")
                    .contains("qa: 📋 On it, @alice: *Write the e2e test*")
                    .contains("qa: ✅ Done: *Write the e2e test*");
            // Only the person's DM is answered, not the agent's; what code is on depends on timing.
            assertThat(chat.messagesIn("dm:code")).singleElement().asString()
                    .startsWith("code: Hi @alice — right now I'm on *");

            Map<String, List<String>> requestTypes = chat.received().stream()
                    .filter(envelope -> envelope.type().equals(EventTypes.APPROVAL_REQUEST))
                    .collect(Collectors.groupingBy(envelope -> envelope.data().path("request_type").asText(),
                            Collectors.mapping(envelope -> envelope.source(), Collectors.toList())));
            assertThat(requestTypes).containsKeys("code_change", "state_transition", "parallel_execution", "batch_changes");
            assertThat(lastStatuses(chat)).containsOnly(Map.entry("orchestrator", "offline"), Map.entry("design", "offline"),
                    Map.entry("code", "offline"), Map.entry("qa", "offline"));
        }
    }

    @Test
    void shouldReadTheServicesEnvironmentNames() {
        DemoConfig config = DemoConfig.fromEnvironment(Map.of("QUARKUS_REDIS_HOSTS", "redis://redis:6379",
                "WFCHAT_REDIS_PREFIX", "team", "WFCHAT_DEMO_PACE_MS", "1500"));
        assertThat(config.redisUris()).containsExactly("redis://redis:6379");
        assertThat(config.prefix()).isEqualTo("team");
        assertThat(config.pace()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.forever()).isTrue();

        assertThat(DemoConfig.fromEnvironment(Map.of()).redisUris()).isEqualTo(DemoConfig.LOCAL_REDIS);
        assertThat(config.needsSharedRedis()).isTrue();
    }

    /** Under per-agent Redis ACLs each agent logs in with its own URL; the others share the one URL. */
    @Test
    void shouldGiveEachAgentItsOwnRedisUrlWhenItHasOne() {
        DemoConfig config = DemoConfig.fromEnvironment(Map.of("QUARKUS_REDIS_HOSTS", "redis://redis:6379",
                "WFCHAT_DEMO_REDIS_URL_CODE", "redis://agent-code:codePassword1@redis:6379"));
        assertThat(config.redisUriOf("code", "redis://redis:6379")).isEqualTo("redis://agent-code:codePassword1@redis:6379");
        assertThat(config.redisUriOf("qa", "redis://redis:6379")).isEqualTo("redis://redis:6379");
        assertThat(config.needsSharedRedis()).isTrue();
        Map<String, String> everyOne = new LinkedHashMap<>();
        Crew.roles().keySet().forEach(agent -> everyOne.put("WFCHAT_DEMO_REDIS_URL_" + agent.toUpperCase(), "redis://" + agent));
        assertThat(DemoConfig.fromEnvironment(everyOne).needsSharedRedis()).isFalse();

        // the URL is the one code logs in with: a wrong password there stops the team before anyone speaks
        DemoConfig refused = new DemoConfig(List.of(run.redis().uri()),
                Map.of("code", run.redis().uri().replace("redis://", "redis://agent-code:wrongPassword1@")),
                run.redisPrefix(), "general", Duration.ofMillis(60), Duration.ofSeconds(30), 1);
        Crew crew = new Crew(refused, run.redis().uri());
        assertThatThrownBy(crew::start).hasMessageContaining("cannot connect agent code");
        assertThat(crew.isRunning()).isFalse();
    }

    private static ChatStandIn.Answer decide(String title) {
        return switch (title) {
            case "Token exchange" -> new ChatStandIn.Answer("rejected", "Please add a test for the error case", null);
            case "Run sprint 1 work in parallel" -> new ChatStandIn.Answer("approved", "two are enough",
                    Map.of("tasks", List.of(Map.of("agent", "code", "task", "Token exchange endpoint"),
                            Map.of("agent", "qa", "task", "OAuth regression tests"))));
            case "Quarantine flaky tests" -> new ChatStandIn.Answer("expired", null, null);
            default -> new ChatStandIn.Answer("approved", null, null);
        };
    }

    private static Envelope direct(String agent, String authorType, String author, String content) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", UUID.randomUUID().toString());
        message.put("channel", "dm:" + agent);
        message.put("author_type", authorType);
        message.put("author_id", author);
        message.put("author_name", author);
        message.put("content", content);
        return Envelope.create(EventTypes.AGENT_DIRECT, "chat-service", 1L, Map.of("agent", agent, "message", message));
    }

    private static Map<String, String> lastStatuses(ChatStandIn chat) {
        Map<String, String> last = new LinkedHashMap<>();
        chat.received().stream()
                .filter(envelope -> envelope.type().equals(EventTypes.AGENT_STATUS))
                .forEach(envelope -> last.put(envelope.data().path("agent").asText(), envelope.data().path("status").asText()));
        return last;
    }
}
