package dev.workflowchat.agent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands events to the agent's handler one at a time, in stream order, on a thread of its own, so
 * a slow handler never stalls Redis and may itself await a decision. Events that come before
 * {@link #listen} are kept for it; the cursor moves only once the handler has had an event.
 */
final class EventDispatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());
    /** About what one agent stream keeps (MAXLEN ~ 10,000): more would be trimmed in Redis anyway. */
    private static final int MAX_BUFFERED = 10_000;

    private final ExecutorService executor;
    private final CursorStore cursor;
    // Both touched only on the executor's thread.
    private final Deque<AgentEvent> buffered = new ArrayDeque<>();
    private Consumer<AgentEvent> handler;

    EventDispatcher(String agent, CursorStore cursor) {
        this.cursor = cursor;
        this.executor = Executors.newSingleThreadExecutor(new DaemonThreads("wfchat-agent-" + agent + "-events"));
    }

    void offer(AgentEvent event) {
        executor.execute(() -> {
            if (handler != null) {
                deliver(event);
                return;
            }
            if (buffered.size() == MAX_BUFFERED) {
                LOG.log(System.Logger.Level.WARNING, "no listener yet: dropping the oldest buffered event {0}",
                        buffered.removeFirst().entryId());
            }
            buffered.addLast(event);
        });
    }

    void listen(Consumer<AgentEvent> newHandler) {
        executor.execute(() -> {
            handler = newHandler;
            while (!buffered.isEmpty()) {
                deliver(buffered.removeFirst());
            }
        });
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(AgentEvent event) {
        try {
            handler.accept(event);
        } catch (RuntimeException e) {
            // One bad event must not stop the agent hearing the next ones.
            LOG.log(System.Logger.Level.WARNING, "the handler failed on " + event.type() + " " + event.entryId(), e);
        }
        cursor.save(event.entryId());
    }
}
