package dev.workflowchat.agent;

import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.Limits;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One agent's connection to Workflow Chat over Redis: say things, report status, ask for
 * approvals and hear the decisions, and listen to what is addressed to the agent. It speaks only on
 * the agent's own ways in ({@code wfchat:in:<agent>:stream} to the chat,
 * {@code wfchat:state:in:<agent>:stream} to the state-broadcaster), which a Redis ACL can keep for
 * this agent alone, and reads only its own stream ({@code wfchat:agent:<agent>:stream}); a Redis URL
 * may carry the agent's ACL user and password ({@code redis://agent-code:PASSWORD@redis:6379}).
 */
public final class AgentClient implements AutoCloseable {

    /** The statuses {@code agent.status} accepts. */
    public static final Set<String> STATUSES = Set.of("online", "busy", "idle", "offline");
    public static final Set<String> ACTIVITY_STATUSES = Set.of("started", "queued", "completed", "failed");

    private static final System.Logger LOG = System.getLogger(AgentClient.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int SCAN_BATCH = 500;

    private final String agent;
    private final RedisNames names;
    private final RedisStreams redis;
    private final Envelopes envelopes;
    private final DecisionWaiters decisions = new DecisionWaiters();
    private final EventDispatcher dispatcher;
    private final AgentStreamReader reader;
    /** Decisions are handed over here, never on Redis's event loop nor on the listener's thread. */
    private final ExecutorService decisionThreads;
    private final ScheduledExecutorService retryTimer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AgentClient(AgentOptions options, RedisStreams redis, CursorStore cursor, String startAfter) {
        this.agent = options.agent();
        this.names = options.names();
        this.redis = redis;
        this.envelopes = new Envelopes(agent);
        this.dispatcher = new EventDispatcher(agent, cursor);
        this.decisionThreads = Executors.newCachedThreadPool(new DaemonThreads("wfchat-agent-" + agent + "-decisions"));
        this.retryTimer = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("wfchat-agent-" + agent + "-retry"));
        this.reader = new AgentStreamReader(redis, names.agentStream(agent), startAfter, retryTimer, this::onEvent);
    }

    /** Connects as {@code agentName}; blocks until Redis answers (at most 10 s), and fails fast when it doesn't. */
    public static AgentClient connect(String redisUri, String prefix, String agentName) {
        return connect(AgentOptions.of(redisUri, prefix, agentName));
    }

    /**
     * Connects with {@code options}. Reading the agent's stream starts at once, after the last entry
     * handled (kept in the cursor file when there is one), else at the stream's present; what
     * arrives before {@link #listen} is kept for the listener.
     */
    public static AgentClient connect(AgentOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        RedisStreams redis = RedisStreams.open(options.redisUri());
        try {
            redis.ping().await().atMost(CONNECT_TIMEOUT);
            CursorStore cursor = new CursorStore(options.cursorFile());
            String saved = cursor.load();
            String startAfter = saved != null ? saved
                    : redis.lastId(options.names().agentStream(options.agent())).await().atMost(CONNECT_TIMEOUT);
            AgentClient client = new AgentClient(options, redis, cursor, startAfter);
            client.reader.start();
            LOG.log(System.Logger.Level.INFO, "agent {0} connected to {1} (prefix {2}), reading its stream after {3}",
                    options.agent(), redactedUri(options.redisUri()), options.prefix(), startAfter);
            return client;
        } catch (RuntimeException e) {
            redis.close();
            throw new IllegalStateException("cannot connect agent " + options.agent() + " to Redis at "
                    + redactedUri(options.redisUri()) + ": " + e.getMessage(), e);
        }
    }

    public String agent() {
        return agent;
    }

    /** The Redis names this client uses (stream, channels), under its prefix. */
    public RedisNames names() {
        return names;
    }

    /** Posts Markdown in {@code channel} ({@code general}, or {@code dm:<agent>}) on the agent's own stream; the envelope id. */
    public Uni<String> post(String channel, String markdown) {
        requireChannel(channel);
        if (markdown == null || markdown.isBlank()) {
            throw new IllegalArgumentException("markdown must not be null or blank");
        }
        if (markdown.length() > Limits.MAX_CONTENT_CHARS) {
            throw new IllegalArgumentException("markdown longer than " + Limits.MAX_CONTENT_CHARS + " characters");
        }
        return send(envelopes.message(channel, markdown));
    }

    /** Reports the agent's presence ({@code online}, {@code busy}, {@code idle}, {@code offline}) and current task. */
    public Uni<Void> status(String status, String task) {
        return status(status, task, null);
    }

    /** As {@link #status(String, String)}, with a detail line such as "writing the failing test". */
    public Uni<Void> status(String status, String task, String detail) {
        if (status == null || !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of online, busy, idle, offline; got: " + status);
        }
        return send(envelopes.status(status, task, detail)).replaceWithVoid();
    }

    /**
     * Asks a person to decide; the Uni sends the request when subscribed and completes with the
     * decision (approved, modified, rejected, expired or cancelled) on a thread of the client's. It waits
     * as long as the chat lets the request live: add {@code ifNoItem()} for a shorter patience.
     */
    public Uni<Decision> requestApproval(String type, String title, Map<String, ?> payload, Duration expiresIn) {
        return requestApproval(ApprovalRequest.of(type, title, payload, expiresIn));
    }

    /** As above, for a request built beforehand, e.g. to keep its id for {@link #cancel}. */
    public Uni<Decision> requestApproval(ApprovalRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        Envelope envelope = envelopes.approvalRequest(request);
        return Uni.createFrom().deferred(() -> {
            // Wait first, then ask: a decision can't slip in between.
            CompletableFuture<Decision> decided = decisions.expect(request.id());
            return send(envelope)
                    .chain(() -> Uni.createFrom().completionStage(decided))
                    .emitOn(decisionThreads);
        });
    }

    /**
     * The decision of an approval asked for earlier, perhaps before a restart: it is looked for in
     * the whole agent stream first, then awaited.
     */
    public Uni<Decision> awaitDecision(String approvalId) {
        if (approvalId == null || approvalId.isBlank()) {
            throw new IllegalArgumentException("approvalId must not be null or blank");
        }
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Decision> decided = decisions.expect(approvalId);
            return scanForDecisions(RedisStreams.BEFORE_ALL, decided)
                    .chain(() -> Uni.createFrom().completionStage(decided))
                    .emitOn(decisionThreads);
        });
    }

    /** Withdraws a pending request; its decision then completes as {@code CANCELLED}. */
    public Uni<Void> cancel(String approvalId) {
        return cancel(approvalId, null);
    }

    public Uni<Void> cancel(String approvalId, String reason) {
        if (approvalId == null || approvalId.isBlank()) {
            throw new IllegalArgumentException("approvalId must not be null or blank");
        }
        return send(envelopes.approvalCancel(approvalId, reason)).replaceWithVoid();
    }

    /**
     * Hands every event of the agent's stream (DMs, tasks, decisions) to {@code handler}, in order,
     * one at a time on the client's event thread, starting with those that came since connect.
     * A later call replaces the handler.
     */
    public void listen(Consumer<AgentEvent> handler) {
        dispatcher.listen(Objects.requireNonNull(handler, "handler must not be null"));
    }

    /** Stops reading, fails decisions still awaited, and closes the connections; calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        reader.close();
        dispatcher.close();
        decisions.closeAll();
        redis.close();
        retryTimer.shutdownNow();
        decisionThreads.shutdown();
    }

    private void onEvent(AgentEvent event) {
        if (event instanceof AgentEvent.ApprovalDecided decided) {
            decisions.decided(decided.decision());
        }
        dispatcher.offer(event);
    }

    /**
     * Runs a workflow command as this agent, e.g. {@code command("/sprint", List.of("start"))}: the
     * state-broadcaster applies it (if the state allows) and every browser sees the transition.
     */
    public Uni<String> command(String command, List<String> args) {
        if (command == null || !command.startsWith("/")) {
            throw new IllegalArgumentException("command must start with /; got: " + command);
        }
        Envelope envelope = envelopes.command(command, args == null ? List.of() : List.copyOf(args), "workflow");
        return toStateBroadcaster(envelope).replaceWith(envelope.id());
    }

    /** Reports an activity ({@code started}, {@code queued}, {@code completed}, {@code failed}) for the activity board. */
    public Uni<Void> activity(String action, String status, String storyId) {
        if (action == null || action.isBlank() || status == null || !ACTIVITY_STATUSES.contains(status)) {
            throw new IllegalArgumentException("activity needs an action and a status of started, queued, completed, failed");
        }
        Envelope envelope = envelopes.activity(action, status, storyId);
        return toStateBroadcaster(envelope).replaceWithVoid();
    }

    /** XADD on the agent's own {@code wfchat:in:<agent>:stream}: kept while the chat-service is down; the envelope id. */
    private Uni<String> send(Envelope envelope) {
        return redis.append(names.inStream(agent), envelope.toJson()).replaceWith(envelope.id());
    }

    /** XADD on the agent's own {@code wfchat:state:in:<agent>:stream}. */
    private Uni<String> toStateBroadcaster(Envelope envelope) {
        return redis.append(names.stateInStream(agent), envelope.toJson());
    }

    /** Pages through the stream for decisions until {@code found} completes or the stream ends. */
    private Uni<Void> scanForDecisions(String after, CompletableFuture<Decision> found) {
        if (found.isDone()) {
            return Uni.createFrom().voidItem();
        }
        return redis.readAfter(names.agentStream(agent), after, SCAN_BATCH, null)
                .chain(entries -> {
                    recordDecisions(entries);
                    return entries.size() < SCAN_BATCH ? Uni.createFrom().voidItem()
                            : scanForDecisions(entries.get(entries.size() - 1).id(), found);
                });
    }

    private void recordDecisions(List<StreamEntry> entries) {
        AgentEventDecoder decoder = new AgentEventDecoder();
        for (StreamEntry entry : entries) {
            try {
                if (decoder.decode(entry) instanceof AgentEvent.ApprovalDecided decided) {
                    decisions.decided(decided.decision());
                }
            } catch (RuntimeException ignored) {
                // The live reader reports bad entries; a scan only looks for decisions.
            }
        }
    }

    private static void requireChannel(String channel) {
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("channel must not be null or blank");
        }
        if (!ChannelNames.isValidChannelOrDm(channel)) {
            throw new IllegalArgumentException("invalid channel name '" + channel
                    + "': 1-64 of a-z 0-9 - _ starting with a letter or digit, or dm:<agent>");
        }
    }

    /** The URI without its password, for logs and errors. */
    private static String redactedUri(String uri) {
        return uri.replaceFirst("//[^@/]*@", "//***@");
    }
}
