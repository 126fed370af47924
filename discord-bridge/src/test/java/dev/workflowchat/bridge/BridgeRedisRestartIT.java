package dev.workflowchat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.bridge.fake.FakeDiscord;
import dev.workflowchat.bridge.support.BridgeProcess;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.infra.OwnedRedis;
import dev.workflowchat.infra.TestRun;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped and started under the bridge (and the chat-service, which shares it) while people
 * keep posting in Discord, and post on the web before, during and the moment Redis is back: the bridge
 * recovers by itself, and every message arrives on the other side once, in order per channel.
 */
class BridgeRedisRestartIT {

    private static final String GENERAL = "1001";
    private static final String WORKFLOW = "1002";
    private static final Map<String, String> WEB_CHANNEL = Map.of(GENERAL, "general", WORKFLOW, "workflow");
    private static final String BRIDGE_PASSWORD = "bridge-test-password";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldRelayEverythingOnceAndInOrderAcrossARedisRestart() throws Exception {
        try (TestRun run = TestRun.start(); OwnedRedis owned = OwnedRedis.start();
             FakeDiscord discord = FakeDiscord.start(GENERAL, WORKFLOW);
             ChatServiceProcess chat = ChatServiceProcess.start("bridged-chat", run, owned.endpoint(), Map.of())) {
            Accounts accounts = Accounts.on(chat.base());
            accounts.request().auth().oauth2(accounts.signInAdmin().token()).contentType("application/json")
                    .body(Map.of("username", "discord-bridge", "password", BRIDGE_PASSWORD, "roles", List.of("member"),
                            "display_name", "Discord bridge"))
                    .post("/api/users").then().statusCode(201);
            String token = accounts.newMember("both-sides").token();
            Map<String, List<String>> fromWeb = Map.of(GENERAL, new ArrayList<>(), WORKFLOW, new ArrayList<>());
            try (BridgeProcess bridge = BridgeProcess.start(run, owned.endpoint(), discord, chat.base(),
                    "general=" + GENERAL + ",workflow=" + WORKFLOW, "", BRIDGE_PASSWORD);
                 ChatClient web = ChatClient.connect(chat.base(), token);
                 DiscordPeople people = DiscordPeople.start(discord)) {
                postOnWeb(web, fromWeb, "before");
                await().atMost(WAIT).until(() -> people.posted() >= 10);
                for (String channel : List.of(GENERAL, WORKFLOW)) {
                    List<String> sofar = people.postedIn(channel);
                    await().atMost(WAIT).until(() -> fromDiscordOnWeb(accounts, token, channel).size() >= sofar.size());
                    assertThat(fromDiscordOnWeb(accounts, token, channel)).as(channel).startsWith(sofar.toArray(String[]::new));
                }

                int beforeOutage = people.posted();
                long stopped = System.nanoTime();
                owned.stopServer();
                await().atMost(WAIT).until(() -> bridge.status("/q/health/ready") == 503);
                // people on the web write while Redis is away too: stored, announced when it is back
                await().atMost(WAIT).until(chat::degradedWithoutRedis);
                postOnWeb(web, fromWeb, "during");
                await().atMost(WAIT).until(() -> people.posted() >= beforeOutage + 50);

                int duringOutage = people.posted() - beforeOutage;
                owned.startServer();
                // people on the web write the moment Redis is back, before anyone has reconnected
                postOnWeb(web, fromWeb, "right after");
                await().atMost(WAIT).until(() -> bridge.status("/q/health/ready") == 200 && chat.readiness() == 200 && !chat.degradedWithoutRedis());
                long outageMillis = (System.nanoTime() - stopped) / 1_000_000;
                postOnWeb(web, fromWeb, "after");
                int afterOutage = people.posted();
                await().atMost(WAIT).until(() -> people.posted() >= afterOutage + 10);
                people.close();

                // Discord → web: each once, in Discord's order, per channel
                awaitOnWeb(accounts, token, people);
                // web → Discord: each once, in the web's order, per channel
                for (String channel : List.of(GENERAL, WORKFLOW)) {
                    await().atMost(WAIT).untilAsserted(() -> assertThat(copiesInDiscord(discord, channel)).as(channel)
                            .containsExactlyElementsOf(fromWeb.get(channel)));
                }
                // and nothing came twice meanwhile, in either direction
                awaitOnWeb(accounts, token, people);
                // the Redis client library logs a reset connection at ERROR; none of ours may
                assertThat(bridge.log().lines().filter(line -> line.contains("\"level\":\"ERROR\"")
                        && line.contains("\"loggerName\":\"dev.workflowchat"))).isEmpty();
                System.out.printf("[bridge-redis-restart] from Redis stopped to all ready again %d ms; %d Discord messages (%d while Redis"
                        + " was down) and %d web messages, each relayed once in order%n", outageMillis, people.posted(),
                        duringOutage, fromWeb.get(GENERAL).size() + fromWeb.get(WORKFLOW).size());
            }
        }
    }

    private static void postOnWeb(ChatClient web, Map<String, List<String>> fromWeb, String when) {
        for (int i = 1; i <= 5; i++) {
            for (String channel : List.of(GENERAL, WORKFLOW)) {
                String content = "web " + when + " " + i + " in " + WEB_CHANNEL.get(channel);
                web.post(WEB_CHANNEL.get(channel), content);
                fromWeb.get(channel).add(content);
            }
        }
    }

    /** Waits until each channel's web history holds all people posted in Discord, then checks it is exactly that. */
    private static void awaitOnWeb(Accounts accounts, String token, DiscordPeople people) {
        for (String channel : List.of(GENERAL, WORKFLOW)) {
            List<String> expected = people.postedIn(channel);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(fromDiscordOnWeb(accounts, token, channel)).as(channel).containsExactlyElementsOf(expected));
        }
    }

    private static List<String> fromDiscordOnWeb(Accounts accounts, String token, String channel) {
        return History.contents(accounts, token, WEB_CHANNEL.get(channel)).stream()
                .filter(content -> content.startsWith("discord "))
                .toList();
    }

    /** What the bridge's webhooks posted in a Discord channel, in Discord's order. */
    private static List<String> copiesInDiscord(FakeDiscord discord, String channel) {
        return discord.messages(channel).stream()
                .filter(message -> message.getString("webhook_id") != null)
                .map(message -> message.getString("content"))
                .filter(content -> content.startsWith("web "))
                .toList();
    }

    /** People writing in Discord at a steady pace, in both channels by turns, whatever happens to Redis. */
    private static final class DiscordPeople implements AutoCloseable {

        private final FakeDiscord discord;
        private final Map<String, List<String>> posted = new ConcurrentHashMap<>();
        private final List<String> all = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        private DiscordPeople(FakeDiscord discord) {
            this.discord = discord;
            this.thread = new Thread(this::run, "discord-people");
        }

        static DiscordPeople start(FakeDiscord discord) {
            DiscordPeople people = new DiscordPeople(discord);
            people.thread.start();
            return people;
        }

        private void run() {
            for (int i = 1; running; i++) {
                String channel = i % 2 == 0 ? GENERAL : WORKFLOW;
                String content = "discord " + i + " in " + WEB_CHANNEL.get(channel);
                JsonObject message = discord.postAsUser(channel, "4200", "Hana", content);
                posted.computeIfAbsent(channel, ignored -> new CopyOnWriteArrayList<>()).add(message.getString("content"));
                all.add(content);
                try {
                    Thread.sleep(100); // people's pace, not a wait for a condition
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        int posted() {
            return all.size();
        }

        List<String> postedIn(String channel) {
            return List.copyOf(posted.getOrDefault(channel, List.of()));
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(30_000);
        }
    }
}
