package dev.workflowchat.chat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.chat.inbound.InboundStreams;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Bridge;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.chat.support.Uploads;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.EventFixtures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** People in Discord, relayed by the bridge: their messages, edits and deletes reach the web chat once. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BridgeEventsTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Inject
    MeterRegistry metrics;

    private Bridge bridge;
    private String channel;
    private String token;

    @BeforeEach
    void setUp() {
        bridge = new Bridge(redis, names);
        channel = Channels.create("bridge-test");
        token = Accounts.member("watcher").token();
        await().atMost(ChatClient.WAIT).until(() -> redis.execute("PUBSUB", "NUMSUB", names.in()).get(1).toLong() >= 1);
    }

    @Test
    void aDiscordMessageAppearsOnceWithItsAuthorWhicheverPathAndIdItComesBy() {
        String externalId = Bridge.snowflake();
        ObjectNode first = Bridge.message(channel, externalId, "hello from **Discord**");
        ObjectNode again = first.deepCopy().put("id", Bridge.newId());
        try (ChatClient client = ChatClient.connect(base, token)) {
            bridge.add(first);
            bridge.add(first);
            bridge.add(again);
            bridge.add(again);
            for (int relay = 0; relay < 4; relay++) {
                ObjectNode replayed = first.deepCopy().put("id", Bridge.newId());
                bridge.add(replayed);
                bridge.add(replayed);
            }

            JsonNode message = client.awaitFrame(createdFor(externalId)).path("message");
            assertThat(message.path("channel").asText()).isEqualTo(channel);
            assertThat(message.path("author_type").asText()).isEqualTo("user");
            assertThat(message.path("author_id").asText()).isEqualTo("discord:555");
            assertThat(message.path("author_name").asText()).isEqualTo("dana");
            assertThat(message.path("source").asText()).isEqualTo("discord");
            assertThat(message.path("external_id").asText()).isEqualTo(externalId);
            assertThat(message.path("content").asText()).isEqualTo("hello from **Discord**");
            assertThat(message.path("metadata").path("avatar_url").asText())
                    .isEqualTo("https://cdn.discordapp.com/avatars/555/a.png");
            assertThat(message.path("reply_to").isNull()).isTrue();

            // the stream is read in order: once this is in, every copy before it was handled
            drain(client);
            assertThat(client.frames()).filteredOn(createdFor(externalId)).hasSize(1);
            assertThat(contentsOf(client)).containsExactly("hello from **Discord**");
        }
        assertThat(outEvents("message.created")).filteredOn(event -> externalId.equals(
                event.path("data").path("external_id").asText())).hasSize(1);
        assertThat(deadLetters()).noneSatisfy(entry -> assertThat(entry.payload().get("event")).contains(externalId));
    }

    @Test
    void editsAndDeletesInDiscordFollowTheMessage() {
        String externalId = Bridge.snowflake();
        try (ChatClient client = ChatClient.connect(base, token)) {
            bridge.add(Bridge.message(channel, externalId, "first draft"));
            String messageId = client.awaitFrame(createdFor(externalId)).path("message").path("message_id").asText();

            bridge.add(Bridge.edited(externalId, "second draft"));
            JsonNode edited = client.awaitFrame(frame -> "message.edited".equals(frame.path("type").asText())
                    && messageId.equals(frame.path("message").path("message_id").asText()));
            assertThat(edited.path("message").path("content").asText()).isEqualTo("second draft");
            assertThat(edited.path("message").path("edited_at").isNull()).isFalse();
            assertThat(edited.path("message").path("author_name").asText()).isEqualTo("dana");

            bridge.add(Bridge.deleted(externalId));
            JsonNode deleted = client.awaitFrame(frame -> "message.deleted".equals(frame.path("type").asText())
                    && messageId.equals(frame.path("message_id").asText()));
            assertThat(deleted.path("channel").asText()).isEqualTo(channel);

            // an edit of a deleted message, or a second delete, changes nothing
            bridge.add(Bridge.edited(externalId, "back from the dead"));
            bridge.add(Bridge.deleted(externalId));
            drain(client);
            assertThat(client.framesOfType("message.edited")).hasSize(1);
            assertThat(client.framesOfType("message.deleted")).hasSize(1);
            JsonNode stored = history(client).get(0);
            assertThat(stored.path("deleted_at").isNull()).isFalse();
            assertThat(stored.path("content").asText()).isEmpty();
        }
        assertThat(outEvents("message.edited")).anySatisfy(event ->
                assertThat(event.path("data").path("external_id").asText()).isEqualTo(externalId));
        assertThat(outEvents("message.deleted")).anySatisfy(event ->
                assertThat(event.path("data").path("channel").asText()).isEqualTo(channel));
    }

    @Test
    void aReplyPointsAtTheMessageItAnswersWhenThatIsKnownInTheChannel() {
        String elsewhere = Channels.create("bridge-other");
        String parent = Bridge.snowflake();
        String inOtherChannel = Bridge.snowflake();
        try (ChatClient client = ChatClient.connect(base, token)) {
            bridge.add(Bridge.message(channel, parent, "question?"));
            bridge.add(Bridge.message(elsewhere, inOtherChannel, "over there"));
            String parentId = client.awaitFrame(createdFor(parent)).path("message").path("message_id").asText();

            String answer = Bridge.snowflake();
            String toUnknown = Bridge.snowflake();
            String toOtherChannel = Bridge.snowflake();
            bridge.add(reply(Bridge.message(channel, answer, "answer"), parent));
            bridge.add(reply(Bridge.message(channel, toUnknown, "answer to the unknown"), Bridge.snowflake()));
            bridge.add(reply(Bridge.message(channel, toOtherChannel, "answer across"), inOtherChannel));

            assertThat(client.awaitFrame(createdFor(answer)).path("message").path("reply_to").asText()).isEqualTo(parentId);
            assertThat(client.awaitFrame(createdFor(toUnknown)).path("message").path("reply_to").isNull()).isTrue();
            assertThat(client.awaitFrame(createdFor(toOtherChannel)).path("message").path("reply_to").isNull()).isTrue();
        }
    }

    @Test
    void aMessageFromADiscordThreadJoinsTheWebThreadOfItsRootByDiscordIdOrWebIdAndAnUnknownRootLeavesItTopLevel() {
        String root = Bridge.snowflake();
        try (ChatClient client = ChatClient.connect(base, token)) {
            bridge.add(Bridge.message(channel, root, "thread starter"));
            String rootId = client.awaitFrame(createdFor(root)).path("message").path("message_id").asText();
            String webRoot = client.post(channel, "a web message the bridge copied");

            String byExternal = Bridge.snowflake();
            String byWebId = Bridge.snowflake();
            String orphan = Bridge.snowflake();
            String itself = Bridge.snowflake();
            bridge.add(inThread(Bridge.message(channel, byExternal, "in the starter's thread"), "thread_external", root));
            bridge.add(inThread(Bridge.message(channel, byWebId, "in the web message's thread"), "thread_id", webRoot));
            bridge.add(inThread(Bridge.message(channel, orphan, "in a thread never seen"), "thread_external", Bridge.snowflake()));
            bridge.add(inThread(Bridge.message(channel, itself, "a forum post's starter"), "thread_external", itself));

            assertThat(client.awaitFrame(createdFor(byExternal)).path("message").path("thread_id").asText()).isEqualTo(rootId);
            assertThat(client.awaitFrame(createdFor(byWebId)).path("message").path("thread_id").asText()).isEqualTo(webRoot);
            assertThat(client.awaitFrame(createdFor(orphan)).path("message").path("thread_id").isNull()).isTrue();
            assertThat(client.awaitFrame(createdFor(itself)).path("message").path("thread_id").isNull()).isTrue();
        }
        ObjectNode both = inThread(inThread(Bridge.message(channel, Bridge.snowflake(), "two roots"), "thread_id",
                UUID.randomUUID().toString()), "thread_external", root);
        bridge.add(both);
        assertThat(deadLetterOf(both)).contains("give one");
        ObjectNode notAnId = inThread(Bridge.message(channel, Bridge.snowflake(), "bad root"), "thread_id", "x' OR 1=1");
        bridge.add(notAnId);
        assertThat(deadLetterOf(notAnId)).contains("thread_id must be a message id");
    }

    @Test
    void filesTheBridgeReHostedAreAttachedInOrder() {
        String bridgeToken = Bridge.account().token();
        String photo = Uploads.uploaded(bridgeToken, "photo.png", Uploads.image("png", 40, 30));
        String notes = Uploads.uploaded(bridgeToken, "notes.txt", Uploads.text("from Discord"));
        String externalId = Bridge.snowflake();
        ObjectNode event = Bridge.message(channel, externalId, "");
        ((ObjectNode) event.get("data")).putArray("attachment_ids").add(photo).add(notes);
        try (ChatClient client = ChatClient.connect(base, token)) {
            bridge.add(event);
            JsonNode message = client.awaitFrame(createdFor(externalId)).path("message");
            assertThat(message.path("content").asText()).isEmpty();
            assertThat(message.path("attachments").findValuesAsText("id")).containsExactly(photo, notes);
            assertThat(message.path("attachments").findValuesAsText("file_name")).containsExactly("photo.png", "notes.txt");
            assertThat(message.path("attachments").findValuesAsText("uploaded_by")).containsOnly(Bridge.USERNAME);
        }
        // attached to a live message, a file is everyone's to see
        Accounts.inProcess().request().auth().oauth2(token).get("/api/files/" + notes).then().statusCode(200);
    }

    @Test
    void filesNotTheBridgesOwnAndFreeAreRefusedAndNothingIsStored() {
        String bridgeToken = Bridge.account().token();
        Accounts.SignedIn someone = Accounts.member("someone");
        String theirs = Uploads.uploaded(someone.token(), "theirs.txt", Uploads.text("mine, not the bridge's"));
        String attached = Uploads.uploaded(bridgeToken, "once.txt", Uploads.text("attached once"));
        String unknown = UUID.randomUUID().toString();
        String attachedTo = Bridge.snowflake();

        ObjectNode someoneElses = withFiles(Bridge.message(channel, Bridge.snowflake(), "someone else's file"), theirs);
        ObjectNode takenAlready = withFiles(Bridge.message(channel, Bridge.snowflake(), "a file used twice"), attached);
        ObjectNode noSuchUpload = withFiles(Bridge.message(channel, Bridge.snowflake(), "a file never uploaded"), unknown);
        try (ChatClient client = ChatClient.connect(base, token)) {
            bridge.add(withFiles(Bridge.message(channel, attachedTo, "the first use"), attached));
            client.awaitFrame(createdFor(attachedTo));
            bridge.add(someoneElses);
            bridge.add(takenAlready);
            bridge.add(noSuchUpload);

            assertThat(deadLetterOf(someoneElses)).contains("not_found").contains("no upload " + theirs + " by discord-bridge");
            assertThat(deadLetterOf(takenAlready)).contains("upload " + attached + " is already attached");
            assertThat(deadLetterOf(noSuchUpload)).contains("no upload " + unknown);
            drain(client);
            assertThat(contentsOf(client)).containsExactly("the first use");
        }
        // the refused upload is still its owner's to attach
        try (ChatClient owner = ChatClient.connect(base, someone.token())) {
            owner.awaitAck(owner.send("message.send", "channel", channel, "content", "my file",
                    "attachment_ids", List.of(theirs)));
        }
    }

    @Test
    void aWrongSourceAnUnknownChannelAndMalformedEventsAreDeadLettered() {
        ObjectNode impostor = Bridge.message(channel, Bridge.snowflake(), "I am not the bridge").put("source", "agent:code");
        ObjectNode impostorEdit = Bridge.edited(Bridge.snowflake(), "nor am I").put("source", "agent:code");
        ObjectNode nowhere = Bridge.message("no-such-channel-" + System.nanoTime(), Bridge.snowflake(), "lost?");
        ObjectNode noAuthor = Bridge.message(channel, Bridge.snowflake(), "anonymous");
        ((ObjectNode) noAuthor.get("data")).remove("author");
        ObjectNode tooManyFiles = Bridge.message(channel, Bridge.snowflake(), "many files");
        var ids = ((ObjectNode) tooManyFiles.get("data")).putArray("attachment_ids");
        for (int i = 0; i < 11; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        try (ChatClient client = ChatClient.connect(base, token)) {
            bridge.add(impostor);
            bridge.add(impostorEdit);
            bridge.add(nowhere);
            bridge.add(noAuthor);
            bridge.add(tooManyFiles);
            List<EventFixtures.Fixture> invalidBridgeFixtures = EventFixtures.invalid().stream()
                    .filter(fixture -> fixture.raw().contains("\"bridge.message")).toList();
            assertThat(invalidBridgeFixtures).isNotEmpty();
            invalidBridgeFixtures.forEach(fixture -> redis.stream(String.class).xadd(names.bridgeInStream(),
                    Map.of("event", fixture.withId(Bridge.newId()))));

            assertThat(deadLetterOf(impostor)).contains("must have source discord-bridge, not agent:code");
            assertThat(deadLetterOf(impostorEdit)).contains("must have source discord-bridge");
            assertThat(deadLetterOf(nowhere)).contains("not_found").contains("no channel");
            assertThat(deadLetterOf(noAuthor)).contains("missing field: author");
            assertThat(deadLetterOf(tooManyFiles)).contains("at most 10");

            // the service goes on
            String marker = Bridge.snowflake();
            bridge.add(Bridge.message(channel, marker, "still flowing"));
            client.awaitFrame(createdFor(marker));
            assertThat(contentsOf(client)).containsExactly("still flowing");
        }
    }

    @Test
    void anEditOrDeleteOfAMessageTheWebNeverSawChangesNothingAndIsAcknowledged() {
        double before = ignored("bridge.message.edited") + ignored("bridge.message.deleted");
        long lettersBefore = deadLetters().size();
        String unknown = Bridge.snowflake();
        try (ChatClient client = ChatClient.connect(base, token)) {
            String webMessage = client.post(channel, "written on the web");
            bridge.add(Bridge.edited(unknown, "edited in Discord"));
            bridge.add(Bridge.edited(unknown, "edited again"));
            bridge.add(Bridge.deleted(unknown));
            // a web message has no Discord id, so a Discord id can never reach it
            bridge.add(Bridge.deleted(webMessage));

            await().atMost(ChatClient.WAIT).until(() ->
                    ignored("bridge.message.edited") + ignored("bridge.message.deleted") >= before + 4);
            drain(client);
            assertThat(client.framesOfType("message.edited")).isEmpty();
            assertThat(client.framesOfType("message.deleted")).isEmpty();
            assertThat(contentsOf(client)).containsExactly("written on the web");
        }
        assertThat(deadLetters().subList((int) lettersBefore, deadLetters().size()))
                .noneSatisfy(entry -> assertThat(entry.payload().get("event")).contains(unknown));
        await().atMost(ChatClient.WAIT).until(() ->
                redis.execute("XPENDING", names.inStream(), InboundStreams.GROUP).get(0).toLong() == 0);
    }

    /** Adds a marker message on the stream and waits for it: everything added before it was handled. */
    private void drain(ChatClient client) {
        String marker = Bridge.snowflake();
        bridge.add(Bridge.message(channel, marker, "still here"));
        client.awaitFrame(createdFor(marker));
    }

    private static Predicate<JsonNode> createdFor(String externalId) {
        return frame -> "message.created".equals(frame.path("type").asText())
                && externalId.equals(frame.path("message").path("external_id").asText());
    }

    private static ObjectNode reply(ObjectNode event, String toExternalId) {
        ((ObjectNode) event.get("data")).put("reply_to_external", toExternalId);
        return event;
    }

    private static ObjectNode inThread(ObjectNode event, String field, String root) {
        ((ObjectNode) event.get("data")).put(field, root);
        return event;
    }

    private static ObjectNode withFiles(ObjectNode event, String... uploadIds) {
        var ids = ((ObjectNode) event.get("data")).putArray("attachment_ids");
        for (String id : uploadIds) {
            ids.add(id);
        }
        return event;
    }

    private List<JsonNode> history(ChatClient client) {
        List<JsonNode> messages = new java.util.ArrayList<>();
        client.awaitAck(client.send("history", "channel", channel)).path("messages").forEach(messages::add);
        return messages;
    }

    /** The live messages' contents, oldest first, without the markers {@link #drain} adds. */
    private List<String> contentsOf(ChatClient client) {
        return history(client).stream()
                .filter(message -> message.path("deleted_at").isNull())
                .map(message -> message.path("content").asText())
                .filter(content -> !"still here".equals(content))
                .toList();
    }

    /** The reason the event was dead-lettered with, once it is. */
    private String deadLetterOf(ObjectNode event) {
        String id = event.path("id").asText();
        return await().atMost(ChatClient.WAIT).until(() -> deadLetters().stream()
                        .filter(entry -> id.equals(entry.payload().get("id")))
                        .map(entry -> entry.payload().get("reason"))
                        .findFirst().orElse(null),
                reason -> reason != null);
    }

    private List<io.quarkus.redis.datasource.stream.StreamMessage<String, String, String>> deadLetters() {
        return redis.stream(String.class).xrange(names.deadletter(), StreamRange.of("-", "+"));
    }

    private List<JsonNode> outEvents(String type) {
        return redis.stream(String.class).xrange(names.outStream(), StreamRange.of("-", "+")).stream()
                .map(entry -> read(entry.payload().get("event")))
                .filter(event -> type.equals(event.path("type").asText()))
                .toList();
    }

    private double ignored(String type) {
        return metrics.find("wfchat.events.in").tags("type", type, "outcome", "ignored").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static JsonNode read(String json) {
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON on a stream: " + json, e);
        }
    }
}
