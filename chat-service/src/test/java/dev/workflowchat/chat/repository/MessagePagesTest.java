package dev.workflowchat.chat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.chat.service.MessageViews;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.chat.support.Uploads;
import dev.workflowchat.protocol.model.MessageView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A history page read in one query shows each message as the per-part reads did (entity, then
 * reactions, files and reply counts one query each): reactions in order, an image and a text file,
 * a thread with a deleted reply, an edit, a pin, a deleted message, both directions.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MessagePagesTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    MessagePages pages;

    @Inject
    MessageRepository messages;

    @Inject
    MessageViews views;

    @Test
    void aPageInOneQueryShowsWhatThePerPartReadsShowed() throws Throwable {
        SignedIn ann = Accounts.member("ann");
        SignedIn ben = Accounts.member("ben");
        String channel = Channels.create("pages"); // a channel of its own: other tests of the run write in general
        try (ChatClient a = ChatClient.connect(base, ann.token()); ChatClient b = ChatClient.connect(base, ben.token())) {
            String image = Uploads.uploaded(ann.token(), "pic.png", Uploads.image("png", 40, 30));
            String text = Uploads.uploaded(ann.token(), "notes.txt", Uploads.text("notes"));
            String root = a.awaitAck(a.send("message.send", "channel", channel, "content", "files and a thread",
                    "attachment_ids", List.of(image, text))).path("message").path("message_id").asText();
            a.awaitAck(a.send("message.send", "channel", channel, "content", "reply one", "thread_id", root));
            String gone = a.awaitAck(a.send("message.send", "channel", channel, "content", "reply two", "thread_id", root))
                    .path("message").path("message_id").asText();
            a.awaitAck(a.send("message.delete", "message_id", gone));
            b.awaitAck(b.send("reaction.add", "message_id", root, "reaction", "👀"));
            a.awaitAck(a.send("reaction.add", "message_id", root, "reaction", "👍"));
            a.awaitAck(a.send("reaction.add", "message_id", root, "reaction", "👀"));
            String edited = a.post(channel, "first words");
            a.awaitAck(a.send("message.edit", "message_id", edited, "content", "second words"));
            a.awaitAck(a.send("message.pin", "message_id", edited));
            a.post(channel, "the newest");
        }
        List<MessageView> newest = VertxContextSupport.subscribeAndAwait(() -> pages.before(channel, Long.MAX_VALUE, 8));
        List<MessageView> asBefore = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> messages
                .find("channel = ?1", Sort.descending("seq"), channel).page(0, 9).list()
                .chain(views::of)));
        assertThat(newest).hasSize(5).isEqualTo(asBefore);
        assertThat(newest).anySatisfy(view -> assertThat(view.attachments()).hasSize(2));
        assertThat(newest).anySatisfy(view -> assertThat(view.replyCount()).isEqualTo(1));

        long from = newest.get(newest.size() - 1).seq() - 1;
        List<MessageView> oldestFirst = VertxContextSupport.subscribeAndAwait(() -> pages.after(channel, from, 8));
        List<MessageView> reversed = new ArrayList<>(asBefore);
        Collections.reverse(reversed);
        assertThat(oldestFirst).isEqualTo(reversed);
    }
}
