package dev.workflowchat.chat.service;

import dev.workflowchat.chat.announce.ChangePublisher;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.metrics.ChatMetrics;
import dev.workflowchat.chat.repository.MessageBatch;
import dev.workflowchat.protocol.ChannelNames;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Group commit for people's messages. Every change takes the service-wide change lock for its
 * number ({@code ChangeLog}), so sends made one transaction each go one at a time, at the pace of
 * the round trips the lock is held across. Here, the sends that arrive while a group commits wait
 * and are stored together in the next transaction: numbers, messages and changes a statement each,
 * whatever the group's size; then announced in order, and each send answered.
 *
 * <p>A send is checked before it queues (its channel writable, the agents it concerns) and only
 * plain ones are grouped ({@link #qualifies}). A group that fails as a whole (its channel removed
 * meanwhile, the database gone) is tried again one send at a time, each in its own transaction, so
 * each gets its own answer and none is lost; the next group waits for that, so one person's
 * messages keep the order they were sent in.
 *
 * <p>People go first: a batch of agents' messages waits ({@link #quiet}) while people's sends are
 * being stored or wait to be, so that during an agents' flood a person's message does not queue
 * behind the flood's transactions on the change lock, the pool and the machine.
 */
@ApplicationScoped
public class GroupedSends {

    /** Bounds one transaction's statements; more wait for the next group. */
    static final int MAX_GROUP = 500;

    private final Pool pool;
    private final MessageBatch batch;
    private final ChangeRecorder recorder;
    private final ChangePublisher publisher;
    private final DuplicatedContexts contexts;
    private final ChatMetrics metrics;
    private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean committing = new AtomicBoolean();
    private final Queue<Runnable> whenQuiet = new ConcurrentLinkedQueue<>();
    private final AtomicInteger agentBatchesWaiting = new AtomicInteger();

    public GroupedSends(Pool pool, MessageBatch batch, ChangeRecorder recorder, ChangePublisher publisher,
                        DuplicatedContexts contexts, ChatMetrics metrics) {
        this.pool = pool;
        this.batch = batch;
        this.recorder = recorder;
        this.publisher = publisher;
        this.contexts = contexts;
        this.metrics = metrics;
        metrics.sendsWaiting(waiting::get);
        metrics.agentBatchesWaitingForPeople(agentBatchesWaiting::get);
    }

    /** Top level, answering nothing, without files, not in a DM (whose channel may still have to be opened). */
    static boolean qualifies(MessageDraft draft) {
        return draft.threadId() == null && draft.replyTo() == null && draft.attachmentIds().isEmpty()
                && !ChannelNames.isDm(draft.channel());
    }

    /**
     * Stores a checked send with the others of its moment and announces it after the commit;
     * {@code alone} stores it by itself (in its own transaction, announced) if its group fails.
     */
    Uni<RecordedChange> store(MessageDraft draft, Set<String> concerned, Supplier<Uni<RecordedChange>> alone) {
        Context caller = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Waiting(draft, concerned, alone, emitter, caller));
            waiting.incrementAndGet();
            commitNext();
        });
    }

    /**
     * Completes, on the caller's context, once no people's send is being stored or waits to be (at
     * once when none is), or after {@code atMost} (zero: at once): what a batch of agents' messages
     * waits for before it takes the change lock.
     */
    public Uni<Void> quiet(Duration atMost) {
        if (atMost.isZero() || isQuiet()) {
            return Uni.createFrom().voidItem();
        }
        Context caller = Vertx.currentContext();
        Executor onCaller = command -> onContext(caller, command);
        return Uni.createFrom().<Void>emitter(emitter -> {
                    Runnable release = () -> emitter.complete(null);
                    agentBatchesWaiting.incrementAndGet();
                    emitter.onTermination(() -> {
                        whenQuiet.remove(release);
                        agentBatchesWaiting.decrementAndGet();
                    });
                    whenQuiet.add(release);
                    if (isQuiet()) {
                        releaseTheQuietWaiters();
                    }
                })
                .ifNoItem().after(atMost).recoverWithItem((Void) null)
                .emitOn(onCaller);
    }

    private boolean isQuiet() {
        return !committing.get() && queue.isEmpty();
    }

    private void releaseTheQuietWaiters() {
        for (Runnable release; (release = whenQuiet.poll()) != null; ) {
            release.run();
        }
    }

    private void commitNext() {
        if (!committing.compareAndSet(false, true)) {
            return;
        }
        List<Waiting> group = new ArrayList<>();
        for (Waiting next; group.size() < MAX_GROUP && (next = queue.poll()) != null; ) {
            group.add(next);
        }
        waiting.addAndGet(-group.size());
        if (group.isEmpty()) {
            done();
            return;
        }
        metrics.sendGroup(group.size());
        commit(group).subscribe().with(changes -> {
            try {
                publisher.publishInOrder(changes);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).answer(changes.get(i));
                }
            } finally {
                done();
            }
        }, failure -> oneByOne(group, 0));
    }

    private Uni<List<RecordedChange>> commit(List<Waiting> group) {
        return pool.withTransaction(connection -> batch.nextSeqs(connection, group.size()).chain(seqs -> {
            List<MessageBatch.NewMessage> rows = new ArrayList<>(group.size());
            List<RecordedChange> changes = new ArrayList<>(group.size());
            for (int i = 0; i < group.size(); i++) {
                Waiting send = group.get(i);
                ChangeRecorder.Batched batched = recorder.batched(send.draft().toMessage(seqs.get(i), null));
                rows.add(batched.row());
                changes.add(batched.change().withAgents(send.concerned()));
            }
            return batch.insert(connection, rows).replaceWith(changes);
        }));
    }

    /** After a failed group: each send by itself, in order, then the next group. */
    private void oneByOne(List<Waiting> group, int index) {
        if (index == group.size()) {
            done();
            return;
        }
        Waiting send = group.get(index);
        contexts.run(send.alone()).subscribe().with(change -> {
            send.answer(change);
            oneByOne(group, index + 1);
        }, failure -> {
            send.fail(failure);
            oneByOne(group, index + 1);
        });
    }

    private void done() {
        committing.set(false);
        if (queue.isEmpty()) {
            releaseTheQuietWaiters();
        } else {
            commitNext();
        }
    }

    private static void onContext(Context context, Runnable run) {
        if (context == null) {
            run.run();
        } else {
            context.runOnContext(ignored -> run.run());
        }
    }

    /** A send waiting for its group, and where its sender waits for the answer. */
    private record Waiting(MessageDraft draft, Set<String> concerned, Supplier<Uni<RecordedChange>> alone,
                           UniEmitter<? super RecordedChange> emitter, Context caller) {

        void answer(RecordedChange change) {
            onContext(caller, () -> emitter.complete(change));
        }

        void fail(Throwable failure) {
            onContext(caller, () -> emitter.fail(failure));
        }
    }
}
