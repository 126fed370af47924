package dev.workflowchat.chat.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A chat-service under moderate, steady load for a while: an agent streaming messages, people
 * talking and paging history. The live heap after a full GC stays flat from the first sixth of
 * the run to the end, every message reaches the watchers, and the log has no ERROR. One minute
 * in the test command; {@code WFCHAT_SOAK_SECONDS=600} for the full ten minutes.
 */
class SoakIT {

    private static final int SECONDS = Integer.parseInt(System.getenv().getOrDefault("WFCHAT_SOAK_SECONDS", "60"));
    private static final int PEOPLE = 10;
    private static final long ALLOWED_GROWTH_BYTES = 32L * 1024 * 1024;

    @Test
    void heapStaysFlatEveryMessageArrivesAndTheLogHasNoError() throws Exception {
        try (TestRun run = TestRun.start(); RedisClient redis = new RedisClient(run.redis().uri());
             ChatServiceProcess service = ChatServiceProcess.start("soak", run, run.redis(), Map.of())) {
            RedisNames names = new RedisNames(run.redisPrefix());
            Accounts accounts = Accounts.on(service.base());
            List<ChatClient> people = new ArrayList<>();
            for (int i = 0; i < PEOPLE; i++) {
                people.add(ChatClient.connect(service.base(), accounts.newMember("soak").token()));
            }
            AtomicInteger agentMessages = new AtomicInteger();
            AtomicInteger peopleMessages = new AtomicInteger();
            ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
            try {
                // an agent: 20 messages a second; each person: one message every two seconds and a history page
                load.scheduleAtFixedRate(guarded(() -> {
                    int n = agentMessages.get();
                    redis.xadd(names.inStream(), Agent.message("soak-" + n, "code", "general", "agent says " + n));
                    agentMessages.incrementAndGet();
                }), 0, 50, TimeUnit.MILLISECONDS);
                load.scheduleAtFixedRate(guarded(() -> people.forEach(person -> {
                    person.send("message.send", "channel", "general", "content", "person says " + peopleMessages.get());
                    peopleMessages.incrementAndGet();
                    person.send("history", "channel", "general", "limit", 50);
                })), 0, 2, TimeUnit.SECONDS);

                // the run's length is the test: samples at a sixth of it and at its end
                long early = load.schedule(() -> service.liveHeapAfterGc(), SECONDS / 6, TimeUnit.SECONDS)
                        .get(SECONDS, TimeUnit.SECONDS);
                load.schedule(() -> { }, SECONDS - SECONDS / 6, TimeUnit.SECONDS).get(SECONDS, TimeUnit.SECONDS);
                load.shutdown();
                assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
                long late = service.liveHeapAfterGc();
                System.out.printf("[soak] %d s: live heap after GC %.1f MiB at %d s, %.1f MiB at the end; %d agent and %d "
                        + "people's messages%n", SECONDS, early / 1048576.0, SECONDS / 6, late / 1048576.0,
                        agentMessages.get(), peopleMessages.get());
                assertThat(late).as("live heap after GC: %d MiB early, %d MiB at the end", early >> 20, late >> 20)
                        .isLessThan(early + ALLOWED_GROWTH_BYTES);
            } finally {
                load.shutdownNow();
            }

            assertThat(loadFailures).isEmpty();
            int expected = agentMessages.get() + peopleMessages.get();
            for (ChatClient person : people) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(person.framesOfType("message.created"))
                        .as("messages created (agent %d, people %d); errors %s", agentMessages.get(), peopleMessages.get(),
                                person.framesOfType("error"))
                        .hasSizeGreaterThanOrEqualTo(expected));
                assertThat(person.framesOfType("error")).isEmpty();
                person.close();
            }
            assertThat(service.wholeLog()).doesNotContain("\"level\":\"ERROR\"");
        }
    }

    private final List<Throwable> loadFailures = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A periodic task that records its failure (a scheduled task that throws would silently stop). */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                loadFailures.add(e);
            }
        };
    }
}
