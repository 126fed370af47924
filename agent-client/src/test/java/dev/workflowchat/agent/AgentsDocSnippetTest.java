package dev.workflowchat.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.protocol.event.Envelope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Java example of docs/agents.md compiles and works: {@link #asInTheDocs} holds its lines as
 * written (only the Redis address is this run's), the test checks the page still says exactly
 * that, and runs it against a simulated chat that approves.
 */
@ExtendWith(SharedRedis.class)
class AgentsDocSnippetTest {

    private static final Path AGENTS_DOC = Path.of("..", "docs", "agents.md");
    private static final Path THIS_SOURCE = Path.of("src", "test", "java", "dev", "workflowchat", "agent",
            "AgentsDocSnippetTest.java");
    private static final String DOCS_CONNECT = "AgentClient agent = AgentClient.connect(\"redis://agent-code:<password>@redis:6379\", \"wfchat\", \"code\");";

    /** The example; {@code connect} stands for the docs' first line. */
    private static Decision asInTheDocs(java.util.function.Supplier<AgentClient> connect) {
        AgentClient agent = connect.get();
        agent.post("general", "Tests pass").await().indefinitely();
        Decision decision = agent.requestApproval(ApprovalRequest.builder("code_change", "Refactor login")
                .risk(ApprovalRequest.Risk.MEDIUM).reason("cleaner session code").build()).await().indefinitely();
        agent.close();
        return decision;
    }

    @Test
    void theDocsJavaExampleIsTheOneThisTestRuns() throws IOException {
        List<String> example = javaBlock();
        assertThat(example.get(0)).isEqualTo(DOCS_CONNECT);
        String source = Files.readString(THIS_SOURCE);
        for (String line : example.subList(1, example.size())) {
            assertThat(source).as("the docs' line, in this test's copy").contains(line);
        }
    }

    @Test
    void theDocsJavaExamplePostsAsksAndGetsTheDecision() throws Exception {
        String name = SharedRedis.agent("code");
        try (ChatSimulator chat = SharedRedis.chat(name)) {
            CompletableFuture<Decision> running = CompletableFuture.supplyAsync(
                    () -> asInTheDocs(() -> AgentClient.connect(SharedRedis.uri(), SharedRedis.prefix(), name)));
            Envelope asked = await().atMost(Duration.ofSeconds(10)).until(() -> chat.inbound().stream()
                    .filter(envelope -> "approval.request".equals(envelope.type())).findFirst(), Optional::isPresent)
                    .orElseThrow();
            assertThat(chat.inbound()).anyMatch(envelope -> "agent.message".equals(envelope.type())
                    && "Tests pass".equals(envelope.data().path("content").asText()));
            assertThat(asked.data().path("title").asText()).isEqualTo("Refactor login");
            assertThat(asked.data().path("risk").asText()).isEqualTo("medium");
            chat.decide(asked.id(), "approved", "go ahead", null);
            Decision decision = running.get(10, TimeUnit.SECONDS);
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.APPROVED);
        }
    }

    /** The lines of the page's one java block, stripped. */
    private static List<String> javaBlock() throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readAllLines(AGENTS_DOC)) {
            if (line.startsWith("```")) {
                if (inside) {
                    break;
                }
                inside = line.equals("```java");
            } else if (inside && !line.isBlank()) {
                lines.add(line.strip());
            }
        }
        assertThat(lines).as("a java block in " + AGENTS_DOC).isNotEmpty();
        return lines;
    }
}
