package dev.workflowchat.bridge.support;

import dev.workflowchat.bridge.fake.FakeDiscord;
import dev.workflowchat.infra.FreePort;
import dev.workflowchat.infra.RedisEndpoint;
import dev.workflowchat.infra.ServiceProcess;
import dev.workflowchat.infra.TestRun;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The built bridge jar run as a real process against the fake Discord, as a deployment runs it. */
public final class BridgeProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final ServiceProcess process;
    private final Path log;

    private BridgeProcess(ServiceProcess process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the bridge and waits until it is ready, that is connected to the fake gateway. */
    public static BridgeProcess start(TestRun run, FakeDiscord discord, URI chat, String channels, String users,
                                      String bridgePassword) throws IOException, InterruptedException {
        BridgeProcess bridge = startWithoutWaiting(run, discord, chat, channels, users, bridgePassword, FakeDiscord.BOT_TOKEN);
        if (!bridge.process.awaitReady(Duration.ofSeconds(60))) {
            bridge.close();
            throw new IllegalStateException("the bridge did not become ready:\n" + bridge.log());
        }
        return bridge;
    }

    /** Starts the bridge with settings of the test's own on top (e.g. {@code WFCHAT_DISCORD_MASS_MENTION_CHANNELS}), and waits. */
    public static BridgeProcess start(TestRun run, FakeDiscord discord, URI chat, String channels, String users,
                                      String bridgePassword, Map<String, String> settings) throws IOException, InterruptedException {
        BridgeProcess bridge = startWithoutWaiting(run, run.redis(), discord, chat, channels, users, bridgePassword,
                FakeDiscord.BOT_TOKEN, settings);
        if (!bridge.process.awaitReady(Duration.ofSeconds(60))) {
            bridge.close();
            throw new IllegalStateException("the bridge did not become ready:\n" + bridge.log());
        }
        return bridge;
    }

    /** Starts the bridge with settings of the test's own on top, and does not wait. */
    public static BridgeProcess startWithoutWaiting(TestRun run, FakeDiscord discord, URI chat, String channels,
                                                    String users, String bridgePassword, Map<String, String> settings)
            throws IOException {
        return startWithoutWaiting(run, run.redis(), discord, chat, channels, users, bridgePassword, FakeDiscord.BOT_TOKEN,
                settings);
    }

    /** Starts the bridge against a Redis of the test's own (one it stops and starts), and waits until it is ready. */
    public static BridgeProcess start(TestRun run, RedisEndpoint redis, FakeDiscord discord, URI chat, String channels,
                                      String users, String bridgePassword) throws IOException, InterruptedException {
        BridgeProcess bridge = startWithoutWaiting(run, redis, discord, chat, channels, users, bridgePassword,
                FakeDiscord.BOT_TOKEN);
        if (!bridge.process.awaitReady(Duration.ofSeconds(60))) {
            bridge.close();
            throw new IllegalStateException("the bridge did not become ready:\n" + bridge.log());
        }
        return bridge;
    }

    /** Starts the bridge with any token, and does not wait. */
    public static BridgeProcess startWithoutWaiting(TestRun run, FakeDiscord discord, URI chat, String channels,
                                                    String users, String bridgePassword, String token) throws IOException {
        return startWithoutWaiting(run, run.redis(), discord, chat, channels, users, bridgePassword, token);
    }

    private static BridgeProcess startWithoutWaiting(TestRun run, RedisEndpoint redis, FakeDiscord discord, URI chat,
                                                     String channels, String users, String bridgePassword, String token)
            throws IOException {
        return startWithoutWaiting(run, redis, discord, chat, channels, users, bridgePassword, token, Map.of());
    }

    private static BridgeProcess startWithoutWaiting(TestRun run, RedisEndpoint redis, FakeDiscord discord, URI chat,
                                                     String channels, String users, String bridgePassword, String token,
                                                     Map<String, String> settings) throws IOException {
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_REDIS_HOSTS", redis.uri());
        environment.put("WFCHAT_REDIS_PREFIX", run.redisPrefix());
        environment.put("DISCORD_TOKEN", token);
        environment.put("DISCORD_GUILD_ID", FakeDiscord.GUILD_ID);
        environment.put("DISCORD_API_BASE_URL", discord.restBaseUrl());
        environment.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());
        environment.put("WFCHAT_DISCORD_CHANNELS", channels);
        environment.put("WFCHAT_DISCORD_USERS", users);
        environment.put("WFCHAT_CHAT_URL", chat.toString());
        environment.put("WFCHAT_BRIDGE_PASSWORD", bridgePassword);
        environment.putAll(settings);
        Path log = Files.createTempFile("wfchat-bridge-", ".log");
        ServiceProcess process = new ServiceProcess("discord-bridge", JAR, FreePort.find());
        process.start(environment, log);
        return new BridgeProcess(process, log);
    }

    /** The status of {@code path} (e.g. {@code /q/health/ready}), or 0 while nothing answers. */
    public int status(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create((path.startsWith("/q/") ? process.managementBase() : "http://127.0.0.1:" + process.port()) + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The body of {@code path} on the management port (e.g. {@code /q/health/ready}), or "" while nothing answers. */
    public String body(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(process.managementBase() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Kills the process at once ({@code kill -9}): no shutdown, no lease given back. */
    public void kill() {
        process.process().destroyForcibly();
    }

    /** SIGSTOP until {@link #resume()}. */
    public void pause() throws IOException, InterruptedException {
        process.pause();
    }

    public void resume() throws IOException, InterruptedException {
        process.resume();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status once it ended. */
    public int exitCode() {
        return process.process().exitValue();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
