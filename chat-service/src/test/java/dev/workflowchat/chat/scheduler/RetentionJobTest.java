package dev.workflowchat.chat.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.chat.support.Uploads;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What is not kept forever, on a database of this class's own (the pruning would cut every other
 * test's change log): changes past the retention, after which a resume from before them is told
 * {@code gone}; uploads never sent in a message, after a day.
 */
@QuarkusTest
@TestProfile(RetentionJobTest.OwnDatabase.class)
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RetentionJobTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URI base;

    @Inject
    RetentionJob job;

    @Inject
    Pool database;

    /** Nothing changed but the profile itself, which makes Quarkus start this class's app apart. */
    public static class OwnDatabase implements QuarkusTestProfile {
    }

    @Test
    void aResumeFromBeforeThePrunedChangesIsToldGoneAndOneFromAfterGetsEverything() throws Throwable {
        long pruned;
        try (ChatClient writer = ChatClient.connect(base, Accounts.member("old").token())) {
            for (int i = 0; i < 5; i++) {
                writer.post("general", "long ago " + i);
            }
            pruned = writer.awaitType("ready").path("last_seq").asLong() + 5;
        }
        // everything so far is past the retention
        int removed = VertxContextSupport.subscribeAndAwait(() -> job.pruneAll(Instant.now().plusSeconds(1), 0));
        assertThat(removed).isGreaterThanOrEqualTo(5);

        try (ChatClient reader = ChatClient.connect(base, Accounts.member("returning").token())) {
            JsonNode gone = reader.awaitError(reader.send("resume", "after_seq", 1));
            assertThat(gone.path("code").asText()).isEqualTo("gone");
            assertThat(gone.path("message").asText()).contains("reload");
            String after = reader.post("general", "today");
            JsonNode ack = reader.awaitAck(reader.send("resume", "after_seq", pruned));
            assertThat(ack.path("has_more").asBoolean()).isFalse();
            assertThat(reader.frames()).anyMatch(frame -> after.equals(frame.path("message").path("message_id").asText()));
            // history still has every message
            JsonNode history = reader.awaitAck(reader.send("history", "channel", "general", "limit", 50));
            assertThat(history.path("messages").findValuesAsText("content")).contains("long ago 0", "today");
        }
    }

    @Test
    void uploadsNeverSentInAMessageAreRemovedAfterADay() throws Throwable {
        SignedIn person = Accounts.member("uploader");
        String forgotten = Uploads.uploaded(person.token(), "forgotten.txt", Uploads.text("never sent"));
        String sent = Uploads.uploaded(person.token(), "sent.txt", Uploads.text("sent"));
        String fresh = Uploads.uploaded(person.token(), "fresh.txt", Uploads.text("just now"));
        try (ChatClient client = ChatClient.connect(base, person.token())) {
            client.awaitAck(client.send("message.send", "channel", "general", "content", "a file",
                    "attachment_ids", List.of(sent)));
        }
        database.preparedQuery("UPDATE attachments SET created_at = now() - interval '2 days' WHERE id = ANY($1)")
                .execute(Tuple.of(new UUID[] {UUID.fromString(forgotten), UUID.fromString(sent)}))
                .await().atMost(WAIT);

        VertxContextSupport.subscribeAndAwait(() -> job.removeUnsentUploads());

        given().auth().oauth2(person.token()).get("/api/files/" + forgotten).then().statusCode(404);
        given().auth().oauth2(person.token()).get("/api/files/" + sent).then().statusCode(200);
        given().auth().oauth2(person.token()).get("/api/files/" + fresh).then().statusCode(200);
    }
}
