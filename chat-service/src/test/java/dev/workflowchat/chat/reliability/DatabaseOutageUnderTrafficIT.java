package dev.workflowchat.chat.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.inbound.InboundStreams;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.OwnedPostgres;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped for 30 seconds while people send over their sockets and an agent streams:
 * every send is answered (an ack, or {@code unavailable} while the database is away, never a
 * hang or an internal error), readiness goes down and up while liveness stays up, and afterwards
 * the history holds every acknowledged message and every streamed one exactly once.
 */
class DatabaseOutageUnderTrafficIT {

    private static final int PEOPLE = 3;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private enum Phase { BEFORE, DOWN, AFTER }

    /** One send and how it was answered. */
    private record Answer(String content, Phase phase, String type, String code, long millis) {
        boolean acked() {
            return "ack".equals(type);
        }
    }

    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.BEFORE);

    @Test
    void shouldAnswerEverySenderAndLoseNothingAckedWhileTheDatabaseIsDown() throws Exception {
        try (TestRun run = TestRun.start(); OwnedPostgres postgres = OwnedPostgres.start();
             RedisClient redis = new RedisClient(run.redis().uri());
             ChatServiceProcess service = ChatServiceProcess.start("outage-traffic", postgres.database("wfchat"),
                     run.redis(), run.redisPrefix(), Map.of())) {
            RedisNames names = new RedisNames(run.redisPrefix());
            Accounts accounts = Accounts.on(service.base());
            String admin = accounts.signInAdmin().token();
            List<ChatClient> people = new ArrayList<>();
            for (int i = 0; i < PEOPLE; i++) {
                people.add(ChatClient.connect(service.base(), accounts.newMember("sender").token()));
            }
            AtomicInteger streamed = new AtomicInteger();
            ScheduledExecutorService traffic = Executors.newScheduledThreadPool(PEOPLE + 1);
            try {
                for (int i = 0; i < PEOPLE; i++) {
                    ChatClient person = people.get(i);
                    String name = "person " + i;
                    AtomicInteger sent = new AtomicInteger();
                    // each person sends, waits for the answer (bounded: no answer fails the test), and sends again
                    traffic.scheduleWithFixedDelay(guarded(() -> sendAndRecord(person, name + " says " + sent.getAndIncrement())),
                            0, 200, TimeUnit.MILLISECONDS);
                }
                traffic.scheduleAtFixedRate(guarded(() -> redis.xadd(names.inStream(),
                                Agent.message(Agent.newId(), "code", "general", "agent says " + streamed.getAndIncrement()))),
                        0, 100, TimeUnit.MILLISECONDS);

                await().atMost(Duration.ofSeconds(30)).until(() -> acks(Phase.BEFORE) >= 10 * PEOPLE);
                phase.set(Phase.DOWN);
                postgres.stopServer();
                long stoppedAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).until(() -> service.readiness() == 503);
                await().atMost(Duration.ofSeconds(30)).until(() -> count(Phase.DOWN, "unavailable") >= PEOPLE);
                // down for the rest of the 30 s, and the process stays live all along (no restart by the orchestrator)
                Duration left = OUTAGE.minusNanos(System.nanoTime() - stoppedAt);
                if (!left.isNegative()) {
                    await().during(left).atMost(left.plusSeconds(10)).until(() -> service.liveness() == 200);
                }

                postgres.startServer();
                await().atMost(Duration.ofSeconds(60)).until(() -> service.readiness() == 200);
                phase.set(Phase.AFTER);
                await().atMost(Duration.ofSeconds(60)).until(() -> acks(Phase.AFTER) >= 10 * PEOPLE);
            } finally {
                traffic.shutdownNow();
                assertThat(traffic.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }

            assertThat(failures).as("sends without an answer, or load that failed").isEmpty();
            assertThat(answers).allSatisfy(answer -> assertThat(answer.acked() || "unavailable".equals(answer.code()))
                    .as("%s", answer).isTrue());
            assertThat(answers).filteredOn(answer -> answer.phase() != Phase.DOWN).allMatch(Answer::acked);
            long slowest = answers.stream().mapToLong(Answer::millis).max().orElseThrow();
            System.out.printf("[outage] %d sends: %d acked before, %d during (%d unavailable), %d after; slowest answer %d ms; "
                            + "%d streamed%n", answers.size(), acks(Phase.BEFORE), acks(Phase.DOWN),
                    count(Phase.DOWN, "unavailable"), acks(Phase.AFTER), slowest, streamed.get());

            Set<String> acked = new HashSet<>();
            answers.stream().filter(Answer::acked).forEach(answer -> acked.add(answer.content()));
            int agentMessages = streamed.get();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    History.contents(accounts, admin, "general").stream().filter(c -> c.startsWith("agent says ")).count()
                            >= agentMessages);
            List<String> history = History.contents(accounts, admin, "general");
            assertThat(history).doesNotHaveDuplicates().containsAll(acked);
            for (int n = 0; n < agentMessages; n++) {
                assertThat(history).contains("agent says " + n);
            }
            Set<String> sent = new HashSet<>();
            answers.forEach(answer -> sent.add(answer.content()));
            assertThat(history).allMatch(content -> sent.contains(content) || content.startsWith("agent says "));
            assertThat(redis.command("XPENDING", names.inStream(), InboundStreams.GROUP).get(0).toLong()).isZero();
            assertThat(service.wholeLog()).doesNotContain("\"level\":\"ERROR\"");
            people.forEach(ChatClient::close);
        }
    }

    private void sendAndRecord(ChatClient person, String content) {
        Phase sentIn = phase.get();
        long start = System.nanoTime();
        JsonNode answer = person.awaitAnswer(person.send("message.send", "channel", "general", "content", content));
        // a send the outage began (or ended) under counts as one during it: it may be refused
        Phase in = sentIn == phase.get() ? sentIn : Phase.DOWN;
        answers.add(new Answer(content, in, answer.path("type").asText(), answer.path("code").asText(null),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
    }

    private long acks(Phase in) {
        return answers.stream().filter(answer -> answer.phase() == in && answer.acked()).count();
    }

    private long count(Phase in, String code) {
        return answers.stream().filter(answer -> answer.phase() == in && code.equals(answer.code())).count();
    }

    /** A periodic task that records its failure (a scheduled task that throws would silently stop). */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | AssertionError e) {
                failures.add(e);
            }
        };
    }
}
