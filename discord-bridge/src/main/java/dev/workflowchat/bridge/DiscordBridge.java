package dev.workflowchat.bridge;

import dev.workflowchat.bridge.config.BridgeConfig;
import dev.workflowchat.bridge.config.ChannelMap;
import dev.workflowchat.bridge.config.DiscordConfig;
import dev.workflowchat.bridge.config.UserMap;
import dev.workflowchat.bridge.discord.DiscordClient;
import dev.workflowchat.bridge.discord.JdaDiscordClient;
import dev.workflowchat.bridge.health.HealthReport;
import dev.workflowchat.bridge.relay.BridgeMetrics;
import dev.workflowchat.bridge.relay.ChannelHealth;
import dev.workflowchat.bridge.relay.ChannelLanes;
import dev.workflowchat.bridge.relay.ChatFiles;
import dev.workflowchat.bridge.relay.DiscordToWeb;
import dev.workflowchat.bridge.relay.LinkStore;
import dev.workflowchat.bridge.relay.RelayUpkeep;
import dev.workflowchat.bridge.relay.RelayedWindow;
import dev.workflowchat.bridge.relay.WebToDiscord;
import dev.workflowchat.bus.DeadLetterStream;
import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.bus.StreamGroupReader;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.EventParser;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bridge's life: idle without a token; otherwise it connects to Discord, relays Discord →
 * web as events come, and web → Discord from the out stream's consumer group
 * {@code discord-bridge} (made at the present the first time, so old history is not replayed).
 */
@ApplicationScoped
public class DiscordBridge {

    public static final String GROUP = "discord-bridge";
    private static final Duration PING_WAIT = Duration.ofSeconds(2);
    /** As the chat-service's default {@code WFCHAT_REDIS_DEADLETTER_MAX_LENGTH}: the stream is shared. */
    private static final long DEAD_LETTERS_KEPT = 10_000;

    private final DiscordConfig discordConfig;
    private final BridgeConfig config;
    private final LinkStore links;
    private final ChatFiles files;
    private final EventParser parser;
    private final BridgeMetrics metrics;
    private final RedisNames names;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final ReactiveRedisDataSource redis;
    private volatile JdaDiscordClient discord;
    private volatile DiscordToWeb toWeb;
    private volatile StreamGroupReader outReader;
    private volatile ChannelLanes lanes;
    private volatile RelayUpkeep upkeep;
    private volatile io.vertx.core.Vertx vertx;
    private final ChannelHealth health;
    private final RelayedWindow relayedWindow;
    private final HealthReport healthReport;
    private final BridgeLeadership leadership;
    private volatile boolean configured;

    public DiscordBridge(DiscordConfig discordConfig, BridgeConfig config, LinkStore links, ChatFiles files,
                         EventParser parser, BridgeMetrics metrics, RedisNames names, ReactiveRedisDataSource redis,
                         ChannelHealth health, RelayedWindow relayedWindow, HealthReport healthReport,
                         BridgeLeadership leadership) {
        this.healthReport = healthReport;
        this.leadership = leadership;
        this.health = health;
        this.relayedWindow = relayedWindow;
        this.discordConfig = discordConfig;
        this.config = config;
        this.links = links;
        this.files = files;
        this.parser = parser;
        this.metrics = metrics;
        this.names = names;
        this.redis = redis;
        this.streams = redis.stream(String.class, String.class, String.class);
    }

    void start(@Observes StartupEvent event, io.vertx.core.Vertx vertx) {
        String token = discordConfig.token().filter(t -> !t.isBlank()).orElse(null);
        if (token == null) {
            Log.info("no DISCORD_TOKEN: the Discord bridge is idle");
            return;
        }
        configured = true;
        this.vertx = vertx;
        // a second replica waits here, connected to nothing, until the one relaying is gone
        leadership.await(vertx, () -> relay(token));
    }

    private void relay(String token) {
        ChannelMap channels = ChannelMap.parse(config.discord().channels().orElse(""));
        if (channels.isEmpty()) {
            Log.warn("WFCHAT_DISCORD_CHANNELS maps no channel: nothing will be relayed");
        }
        String guild = discordConfig.guildId().orElse(null);
        String webUrl = config.chat().publicUrl().orElse(config.chat().url());
        discord = new JdaDiscordClient(new JdaDiscordClient.Settings(token, guild, discordConfig.apiBaseUrl().orElse(null),
                discordConfig.gatewayUrl().orElse(null), config.discord().webhookName(), metrics::rateLimited));
        UserMap users = UserMap.parse(config.discord().users().orElse(""));
        toWeb = new DiscordToWeb(discord, channels, users, links, files, relayedWindow, streams, names, metrics,
                config.discord().backfillLimit(), webUrl, this::redisAnswers, config.discord().streamMaxLength());
        discord.connect(toWeb);
        WebToDiscord toDiscord = new WebToDiscord(discord, channels, users, links, files, parser, metrics, webUrl, guild,
                commaSeparated(config.discord().massMentionChannels().orElse("")));
        channels.webToDiscord().forEach((web, discordChannel) -> health.watch(discordChannel, web));
        // nothing goes to Discord from a bridge whose lease ran out: what it was about to post stays
        // pending (or parked in its lane) for the bridge that relays now
        java.util.function.Function<String, Uni<Void>> post = raw -> leadership.relaying() ? toDiscord.handle(raw)
                : Uni.createFrom().failure(new IllegalStateException("this bridge's lease ran out: it relays nothing"));
        lanes = new ChannelLanes(redis, names.prefix(), new DeadLetterStream(streams, names.deadletter(), DEAD_LETTERS_KEPT),
                health, metrics, post);
        ChannelLanes ready = lanes;
        outReader = new StreamGroupReader(streams, names.outStream(), GROUP, GROUP, 20, StreamGroupReader.FROM_NOW,
                raw -> !leadership.relaying() ? post.apply(raw) : toDiscord.laneOf(raw)
                        .map(lane -> ready.submit(lane.discordChannelId(), lane.eventId(), raw))
                        .orElseGet(() -> post.apply(raw)),
                entry -> Uni.createFrom().voidItem());
        outReader.start();
        lanes.start(channels.webToDiscord().values());
        upkeep = new RelayUpkeep(vertx, outReader.upkeep(redis), lanes, channels.webToDiscord().values(),
                config.bridge().claimIdle(), leadership::relaying);
        upkeep.start();
        healthReport.start();
        Log.infof("relaying %s between the web chat and Discord", channels.webToDiscord().keySet());
    }

    void stop(@Observes ShutdownEvent event) {
        leadership.stop();
        healthReport.stop();
        if (upkeep != null) {
            upkeep.stop();
        }
        if (outReader != null) {
            outReader.stop();
        }
        if (lanes != null) {
            lanes.stop();
        }
        if (toWeb != null) {
            toWeb.stop();
        }
        if (discord != null) {
            discord.shutdown();
        }
    }

    private static Set<String> commaSeparated(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(item -> !item.isEmpty()).collect(Collectors.toSet());
    }

    /** Whether Redis answers a PING within a couple of seconds: tells an outage from a step that fails for itself. */
    private boolean redisAnswers() {
        try {
            Reconnect.bounded(redis.execute("PING"), PING_WAIT, "PING").await().atMost(PING_WAIT.plusSeconds(1));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Configured with a token and relaying (not the standby). */
    public boolean active() {
        return discord != null;
    }

    /** Configured with a token, waiting while another bridge relays. */
    public boolean standingBy() {
        return leadership.standingBy();
    }

    /** Configured with a token (relaying, standing by, or asking which). */
    public boolean configured() {
        return configured;
    }

    public boolean connected() {
        DiscordClient current = discord;
        return current != null && current.connected();
    }

    /** What an operator must fix for the gateway to connect, if Discord said so; null otherwise. */
    public String gatewayProblem() {
        JdaDiscordClient current = discord;
        return current == null ? null : current.gatewayProblem();
    }

    public boolean tokenRefused() {
        JdaDiscordClient current = discord;
        return current != null && current.refused();
    }
}
