package dev.workflowchat.chat.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.StateBroadcasterProcess;
import dev.workflowchat.infra.RawRedis;
import dev.workflowchat.infra.RedisEndpoint;
import dev.workflowchat.infra.RedisSentinels;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two chat-service replicas and the state-broadcaster on Redis under Sentinel (a master, its replica, three
 * sentinels; {@code QUARKUS_REDIS_CLIENT_TYPE=sentinel}). The master's process is killed ({@code kill -9})
 * while a person posts and an agent writes its stream; the sentinels promote the replica and the services
 * follow by themselves: the person on the other replica hears new messages live again, a workflow command
 * runs, and every message acknowledged before and after is in PostgreSQL once. What the agent's stream may
 * lose in the asynchronous failover is counted and printed (docs/reliability.md).
 */
class RedisSentinelFailoverIT {

    private static final Duration FAILOVER = Duration.ofSeconds(60);

    @Test
    void shouldFollowAFailoverAndKeepEveryAcknowledgedMessageOnce() throws Exception {
        try (TestRun run = TestRun.start(); RedisSentinels sentinels = RedisSentinels.start()) {
            RedisNames names = new RedisNames(run.redisPrefix());
            Map<String, String> onSentinels = Map.of("QUARKUS_REDIS_HOSTS", sentinels.hosts(),
                    "QUARKUS_REDIS_CLIENT_TYPE", "sentinel", "QUARKUS_REDIS_MASTER_NAME", RedisSentinels.MASTER_NAME);
            RedisEndpoint seed = sentinels.master().endpoint();
            try (ChatServiceProcess first = ChatServiceProcess.start("sentinel-a", run.database(), seed, run.redisPrefix(), onSentinels);
                 ChatServiceProcess second = ChatServiceProcess.start("sentinel-b", run.database(), seed, run.redisPrefix(), onSentinels);
                 StateBroadcasterProcess state = StateBroadcasterProcess.start(run, seed, onSentinels)) {
                Accounts onFirst = Accounts.on(first.base());
                Accounts onSecond = Accounts.on(second.base());
                String alice = onFirst.newMember("alice").token();
                String bob = onSecond.newMember("bob").token();
                try (ChatClient aliceClient = ChatClient.connect(first.base(), alice);
                     ChatClient bobClient = ChatClient.connect(second.base(), bob)) {
                    command(aliceClient, "/epic \"Before the failover\"", "BACKLOG_READY");
                    Traffic traffic = Traffic.start(aliceClient, sentinels, names);
                    await().atMost(FAILOVER).until(() -> traffic.posted.size() >= 20 && traffic.written.size() >= 20);

                    int postedBefore = traffic.posted.size();
                    List<String> writtenBefore = List.copyOf(traffic.written);
                    long killed = System.nanoTime();
                    sentinels.master().kill();
                    await().atMost(FAILOVER).until(() -> sentinels.masterPort() == sentinels.replica().port());
                    long promotedMillis = (System.nanoTime() - killed) / 1_000_000;

                    // the replicas follow: bob, on the other replica, hears alice's new messages live again
                    await().atMost(FAILOVER).until(() -> traffic.posted.size() >= postedBefore + 20
                            && traffic.written.size() >= writtenBefore.size() + 20);
                    String last = traffic.posted.get(traffic.posted.size() - 1);
                    bobClient.awaitFrame(frame -> last.equals(frame.path("message").path("content").asText()));
                    long followedMillis = (System.nanoTime() - killed) / 1_000_000;
                    traffic.close();
                    // and the state-broadcaster: a workflow command, once the services listen on the new master again
                    // (a command's answer is pub/sub only: one made while they resubscribe, backing off, goes unheard)
                    try (RawRedis master = RawRedis.connect("redis://127.0.0.1:" + sentinels.masterPort())) {
                        await().atMost(FAILOVER).until(() -> subscribers(master, names.in()) >= 2
                                && subscribers(master, names.stateCommands()) >= 1);
                    }
                    // its lease, renewed every third of its time, may have run out while Redis failed over: the command it
                    // hears now makes it renew the lease on the new master at once, instead of refusing the command
                    long listeningMillis = (System.nanoTime() - killed) / 1_000_000;
                    command(aliceClient, "/story add E1 \"After the failover\"", "BACKLOG_READY");

                    List<String> agentAfter = traffic.written.subList(writtenBefore.size(), traffic.written.size());
                    await().atMost(FAILOVER).until(() -> History.contents(onSecond, bob, "general").containsAll(agentAfter));
                    Map<String, Long> stored = History.contents(onSecond, bob, "general").stream()
                            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                    // every person's message acknowledged, before and after, is stored once
                    assertThat(traffic.posted).allSatisfy(content -> assertThat(stored.get(content)).as(content).isEqualTo(1L));
                    // nothing twice; the agent's entries written after the failover, once each
                    assertThat(stored.values()).allMatch(count -> count == 1L);
                    assertThat(agentAfter).allSatisfy(content -> assertThat(stored.get(content)).as(content).isEqualTo(1L));
                    long lost = writtenBefore.stream().filter(content -> !stored.containsKey(content)).count();
                    System.out.printf("[sentinel-failover] master killed; replica promoted after %d ms; the other replica heard"
                                    + " new messages after %d ms; subscriptions back by %d ms; %d person messages acknowledged, all stored once (%d refused"
                                    + " meanwhile); %d agent entries written before the kill, %d of them lost with the master;"
                                    + " %d written after, all stored once (%d XADD tries failed and were retried)%n",
                            promotedMillis, followedMillis, listeningMillis, traffic.posted.size(), traffic.refused.get(), writtenBefore.size(),
                            lost, agentAfter.size(), traffic.agentFailures.get());
                }
            }
        }
    }

    private static long subscribers(RawRedis redis, String channel) {
        return (Long) ((List<?>) redis.call("PUBSUB", "NUMSUB", channel)).get(1);
    }

    private static void command(ChatClient client, String text, String expectedState) {
        JsonNode result = client.awaitAnswer(client.send("message.send", "channel", "workflow", "content", text));
        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("state").asText()).isEqualTo(expectedState);
    }

    /**
     * A person posting and an agent writing its own stream, steadily, each on a thread of its own. The
     * person's message counts once acknowledged; the agent's entry once XADD answered with an id, an
     * entry refused (the master gone) tried again, with the same id, on the master the sentinels name.
     */
    private static final class Traffic implements AutoCloseable {

        final List<String> posted = new CopyOnWriteArrayList<>();
        final List<String> written = new CopyOnWriteArrayList<>();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger agentFailures = new AtomicInteger();
        private final List<Thread> threads;
        private volatile boolean running = true;

        private Traffic(ChatClient person, RedisSentinels sentinels, RedisNames names) {
            this.threads = List.of(new Thread(() -> post(person), "person"), new Thread(() -> write(sentinels, names), "agent"));
        }

        static Traffic start(ChatClient person, RedisSentinels sentinels, RedisNames names) {
            Traffic traffic = new Traffic(person, sentinels, names);
            traffic.threads.forEach(Thread::start);
            return traffic;
        }

        private void post(ChatClient person) {
            for (int i = 0; running; i++) {
                String content = "person-" + i;
                try {
                    person.post("general", content);
                    posted.add(content);
                } catch (RuntimeException | AssertionError e) {
                    refused.incrementAndGet();
                }
                pause();
            }
        }

        private void write(RedisSentinels sentinels, RedisNames names) {
            RawRedis master = null;
            String id = null;
            for (int i = 0; running; ) {
                id = id != null ? id : Agent.newId();
                String content = "agent-" + i;
                try {
                    master = master != null ? master : RawRedis.connect("redis://127.0.0.1:" + sentinels.masterPort());
                    master.call("XADD", names.inStream("code"), "*", "event", Agent.message(id, "code", "general", content));
                    written.add(content);
                    id = null;
                    i++;
                } catch (Exception e) {
                    agentFailures.incrementAndGet();
                    closeQuietly(master);
                    master = null;
                }
                pause();
            }
            closeQuietly(master);
        }

        private static void closeQuietly(RawRedis redis) {
            try {
                if (redis != null) {
                    redis.close();
                }
            } catch (Exception ignored) {
                // the master it spoke to is gone
            }
        }

        private static void pause() {
            try {
                Thread.sleep(25); // the pace of the traffic, not a wait for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }
    }
}
