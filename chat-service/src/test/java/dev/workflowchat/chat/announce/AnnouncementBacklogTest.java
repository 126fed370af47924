package dev.workflowchat.chat.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.announce.Announcement;
import dev.workflowchat.chat.announce.AnnouncementBacklog;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The order of announcements that wait for Redis; {@link #make} stands for Redis's answers. */
class AnnouncementBacklogTest {

    private final List<String> announced = new CopyOnWriteArrayList<>();
    private final AtomicBoolean redisAnswers = new AtomicBoolean(true);
    /** When set, the first try of the announcement "slow" hangs until the test answers it. */
    private final AtomicReference<UniEmitter<? super Void>> slow = new AtomicReference<>();
    private final AtomicBoolean slowOnce = new AtomicBoolean();

    private Uni<Void> make(Announcement announcement) {
        if ("slow".equals(announcement.what()) && slowOnce.compareAndSet(true, false)) {
            return Uni.createFrom().<Void>emitter(slow::set);
        }
        return Uni.createFrom().deferred(() -> {
            if (!redisAnswers.get()) {
                return Uni.createFrom().failure(new IllegalStateException("connection refused"));
            }
            announced.add(announcement.what());
            return Uni.createFrom().voidItem();
        });
    }

    private AnnouncementBacklog backlog(int capacity) {
        return new AnnouncementBacklog(capacity, this::make);
    }

    private static Announcement announcement(String what) {
        return new Announcement(what, List.of());
    }

    private static List<String> whats(List<Announcement> announcements) {
        return announcements.stream().map(Announcement::what).toList();
    }

    @Test
    void shouldAnnounceWhatFailedThenWhatCameAfterInTheOrderMade() {
        AnnouncementBacklog backlog = backlog(100);
        backlog.announce(announcement("1"));
        redisAnswers.set(false);
        backlog.announce(announcement("2"));
        backlog.announce(announcement("3"));
        backlog.drain();
        redisAnswers.set(true);
        // queued behind the waiting ones, though Redis answers again
        backlog.announce(announcement("4"));
        assertThat(announced).containsExactly("1");
        assertThat(backlog.size()).isEqualTo(3);

        backlog.drain();
        assertThat(announced).containsExactly("1", "2", "3", "4");
        assertThat(backlog.size()).isZero();
        backlog.announce(announcement("5"));
        assertThat(announced).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void shouldWaitForAnOlderAnnouncementStillBeingTriedBeforeSendingNewerOnes() {
        AnnouncementBacklog backlog = backlog(100);
        slowOnce.set(true);
        backlog.announce(announcement("slow"));
        redisAnswers.set(false);
        backlog.announce(announcement("later"));
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
        AnnouncementBacklog backlog = backlog(2);
        redisAnswers.set(false);
        backlog.announce(announcement("1"));
        backlog.announce(announcement("2"));
        backlog.announce(announcement("3"));
        assertThat(backlog.size()).isEqualTo(2);
        redisAnswers.set(true);
        backlog.drain();
        assertThat(announced).containsExactly("2", "3");
    }

    @Test
    void shouldHandOverWhatWaitsInOrderWhenClosed() throws InterruptedException {
        AnnouncementBacklog backlog = backlog(100);
        backlog.announce(announcement("1"));
        redisAnswers.set(false);
        backlog.announce(announcement("2"));
        backlog.announce(announcement("3"));

        assertThat(whats(backlog.close(Duration.ofSeconds(5)))).containsExactly("2", "3");
        assertThat(backlog.size()).isZero();
        assertThat(backlog.close(Duration.ofSeconds(5))).as("given once").isEmpty();
    }

    @Test
    void shouldWaitForOneBeingTriedWhenClosedAndGiveItIfItFails() throws Exception {
        AnnouncementBacklog backlog = backlog(100);
        slowOnce.set(true);
        backlog.announce(announcement("slow"));
        redisAnswers.set(false);
        backlog.announce(announcement("later"));

        AtomicReference<List<Announcement>> given = new AtomicReference<>();
        Thread closing = new Thread(() -> {
            try {
                given.set(backlog.close(Duration.ofSeconds(30)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closing.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> closing.getState() == Thread.State.TIMED_WAITING);
        assertThat(given.get()).as("still waiting for the one being tried").isNull();

        // it fails while close waits for it: it comes first, then what queued behind it
        slow.get().fail(new IllegalStateException("no answer within 5 s"));
        closing.join(Duration.ofSeconds(10).toMillis());
        assertThat(whats(given.get())).containsExactly("slow", "later");
    }

    @Test
    void shouldGiveOneStillUnansweredWhenClosingRunsOutOfTime() throws InterruptedException {
        AnnouncementBacklog backlog = backlog(100);
        slowOnce.set(true);
        backlog.announce(announcement("slow"));

        // Redis may have taken it after all: given anyway, since twice beats never
        assertThat(whats(backlog.close(Duration.ofMillis(50)))).containsExactly("slow");
    }
}
