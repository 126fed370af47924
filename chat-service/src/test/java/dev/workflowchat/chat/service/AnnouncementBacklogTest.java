package dev.workflowchat.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The order of announcements that wait for Redis; the announcements here stand for its answers. */
class AnnouncementBacklogTest {

    private final List<String> announced = new CopyOnWriteArrayList<>();
    private final AtomicBoolean redisAnswers = new AtomicBoolean(true);

    private Supplier<Uni<Void>> announcing(String what) {
        return () -> Uni.createFrom().deferred(() -> {
            if (!redisAnswers.get()) {
                return Uni.createFrom().failure(new IllegalStateException("connection refused"));
            }
            announced.add(what);
            return Uni.createFrom().voidItem();
        });
    }

    @Test
    void shouldAnnounceWhatFailedThenWhatCameAfterInTheOrderMade() {
        AnnouncementBacklog backlog = new AnnouncementBacklog(100);
        backlog.announce("1", announcing("1"));
        redisAnswers.set(false);
        backlog.announce("2", announcing("2"));
        backlog.announce("3", announcing("3"));
        backlog.drain();
        redisAnswers.set(true);
        // queued behind the waiting ones, though Redis answers again
        backlog.announce("4", announcing("4"));
        assertThat(announced).containsExactly("1");
        assertThat(backlog.size()).isEqualTo(3);

        backlog.drain();
        assertThat(announced).containsExactly("1", "2", "3", "4");
        assertThat(backlog.size()).isZero();
        backlog.announce("5", announcing("5"));
        assertThat(announced).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void shouldWaitForAnOlderAnnouncementStillBeingTriedBeforeSendingNewerOnes() {
        AnnouncementBacklog backlog = new AnnouncementBacklog(100);
        AtomicReference<UniEmitter<? super Void>> slow = new AtomicReference<>();
        // the first try hangs until the test fails it; a later one is answered
        backlog.announce("slow", () -> slow.get() == null ? Uni.createFrom().<Void>emitter(slow::set) : announcing("slow").get());
        redisAnswers.set(false);
        backlog.announce("later", announcing("later"));
        redisAnswers.set(true);
        backlog.drain();
        assertThat(announced).as("nothing overtakes the one still being tried").isEmpty();

        // it fails after all: it goes first
        slow.get().fail(new IllegalStateException("no answer within 5 s"));
        assertThat(backlog.size()).isEqualTo(2);
        backlog.drain();
        assertThat(announced).containsExactly("slow", "later");
        assertThat(backlog.size()).isZero();
    }

    @Test
    void shouldDropTheOldestPastItsCapacity() {
        AnnouncementBacklog backlog = new AnnouncementBacklog(2);
        redisAnswers.set(false);
        backlog.announce("1", announcing("1"));
        backlog.announce("2", announcing("2"));
        backlog.announce("3", announcing("3"));
        assertThat(backlog.size()).isEqualTo(2);
        redisAnswers.set(true);
        backlog.drain();
        assertThat(announced).containsExactly("2", "3");
    }
}
