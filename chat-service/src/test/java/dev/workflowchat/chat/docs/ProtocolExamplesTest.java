package dev.workflowchat.chat.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.ProtocolJson;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The conversation examples of docs/protocol.md ({@link ConversationExamples}) run as written: each
 * speaker a new member of that name (made unique), {@code admin} the admin, {@code anyone} not
 * logged in; every speaker but {@code anyone} has a socket open from the start of its example.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ProtocolExamplesTest {

    private static final Path PROTOCOL_DOC = Path.of("..", "docs", "protocol.md");
    private static final String ADMIN = "admin";
    private static final String ANYONE = "anyone";
    private static final Pattern REQUEST = Pattern.compile("([A-Z]+) (\\S+)((?: [A-Za-z0-9-]+: \\S+)*)(?: (\\{.*))?");
    private static final Pattern HEADER = Pattern.compile(" ([A-Za-z0-9-]+): (\\S+)");
    /** A header GitHub would sign: computed over the body sent, with the secret the example names (signed-with). */
    private static final String SIGNED = "sha256=…";
    private static final Pattern ANSWER = Pattern.compile("(\\d{3})(?: (\\{.*))?");
    private static final Pattern CLOSED = Pattern.compile("closed (\\d{4})");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    @Test
    void everyMarkedExampleRunsAsWritten() {
        List<ConversationExamples> examples = ConversationExamples.readAll(PROTOCOL_DOC);
        assertThat(examples).extracting(ConversationExamples::name).contains("private-dm", "reaction-deltas", "focus",
                "resume-gone", "cross-site", "password-change", "disable-account", "channel-admin", "user-admin",
                "profile-name", "incoming-webhook", "github-webhook");
        for (ConversationExamples example : examples) {
            try (Conversation conversation = new Conversation(example)) {
                example.lines().forEach(conversation::play);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("example " + example.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /** One example being played: its people, their sockets, and the values its placeholders stand for. */
    private final class Conversation implements AutoCloseable {

        private final Map<String, Accounts.SignedIn> people = new LinkedHashMap<>();
        private final Map<String, ChatClient> sockets = new LinkedHashMap<>();
        private final Map<String, HttpResponse<String>> answers = new HashMap<>();
        private final Map<String, String> values = new HashMap<>();
        private final Set<JsonNode> matched = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Long prunedBefore;
        private final String signedWith;

        Conversation(ConversationExamples example) {
            signedWith = example.options().get("signed-with");
            String pruned = example.options().get("pruned-through");
            prunedBefore = pruned == null ? null : pretendPrunedThrough(Long.parseLong(pruned));
            String features = example.options().get("features");
            for (String speaker : example.speakers()) {
                if (speaker.equals(ANYONE)) {
                    continue;
                }
                Accounts.SignedIn person = speaker.equals(ADMIN) ? Accounts.admin() : Accounts.member(speaker);
                people.put(speaker, person);
                sockets.put(speaker, features == null ? ChatClient.connect(base, person.token())
                        : ChatClient.connectWithFeatures(base, person.token(), features));
            }
        }

        void play(ConversationExamples.Line line) {
            String text = withUsernames(line.text());
            if (line.sent()) {
                if (text.startsWith("{")) {
                    sockets.get(line.speaker()).sendRaw(ConversationExamples.bind(ConversationExamples.json(text), values)
                            .toString());
                } else {
                    answers.put(line.speaker(), request(line.speaker(), text));
                }
                return;
            }
            Matcher closed = CLOSED.matcher(text);
            Matcher answer = ANSWER.matcher(text);
            if (closed.matches()) {
                assertThat(sockets.get(line.speaker()).closed()).succeedsWithin(ChatClient.WAIT)
                        .isEqualTo(Integer.parseInt(closed.group(1)));
            } else if (answer.matches()) {
                expectAnswer(line.speaker(), Integer.parseInt(answer.group(1)), answer.group(2));
            } else {
                expectFrame(line.speaker(), ConversationExamples.json(text));
            }
        }

        /** The example's names (alice, bob) as the unique usernames of this run. */
        private String withUsernames(String text) {
            String result = text;
            for (var person : people.entrySet()) {
                if (!person.getKey().equals(ADMIN)) {
                    result = result.replaceAll("\\b" + Pattern.quote(person.getKey()) + "\\b", person.getValue().username());
                }
            }
            return result;
        }

        private HttpResponse<String> request(String speaker, String text) {
            Matcher request = REQUEST.matcher(text);
            assertThat(request.matches()).as("a request: %s", text).isTrue();
            // a path an earlier answer gave (a hook's /hooks/<secret>) is bound like any placeholder
            String path = values.getOrDefault(request.group(2), request.group(2));
            HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(10));
            String body = request.group(4) == null ? null
                    : ConversationExamples.bind(ConversationExamples.json(request.group(4)), values).toString();
            Matcher header = HEADER.matcher(request.group(3));
            while (header.find()) {
                builder.header(header.group(1), header.group(2).equals(SIGNED) ? signature(body) : header.group(2));
            }
            if (people.containsKey(speaker)) {
                builder.header("Authorization", "Bearer " + people.get(speaker).token());
            }
            if (body == null) {
                builder.method(request.group(1), HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", "application/json").method(request.group(1),
                        HttpRequest.BodyPublishers.ofString(body));
            }
            try {
                return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError("request failed: " + text, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        /** GitHub's X-Hub-Signature-256 of the body, under the secret an earlier answer gave. */
        private String signature(String body) {
            String secret = values.get(signedWith);
            assertThat(secret).as("signed-with names a value answered before").isNotNull();
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return "sha256=" + HexFormat.of().formatHex(mac.doFinal((body == null ? "" : body)
                        .getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private void expectAnswer(String speaker, int status, String body) {
            HttpResponse<String> response = answers.remove(speaker);
            assertThat(response).as("%s sent no request to answer", speaker).isNotNull();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            if (body != null) {
                JsonNode actual;
                try {
                    actual = ProtocolJson.mapper().readTree(response.body());
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + response.body(), e);
                }
                assertThat(ConversationExamples.matches(ConversationExamples.json(body), actual, values))
                        .as("expected %s, got %s", body, response.body()).isTrue();
            }
        }

        private void expectFrame(String speaker, JsonNode expected) {
            ChatClient socket = sockets.get(speaker);
            try {
                JsonNode frame = await().atMost(ChatClient.WAIT).until(() -> socket.frames().stream()
                        .filter(candidate -> !matched.contains(candidate))
                        .filter(candidate -> ConversationExamples.matches(expected, candidate, values))
                        .findFirst().orElse(null), found -> found != null);
                matched.add(frame);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(speaker + " never got " + expected + "; got " + socket.frames(), e);
            }
        }

        @Override
        public void close() {
            sockets.values().forEach(ChatClient::close);
            if (prunedBefore != null) {
                pool.preparedQuery("UPDATE change_log_pruned SET through_seq = $1").execute(Tuple.of(prunedBefore))
                        .await().atMost(ChatClient.WAIT);
            }
        }
    }

    /**
     * Makes the change log look pruned through {@code seq} (30 days of changes can't be waited for);
     * the number it said before, to put back.
     */
    private long pretendPrunedThrough(long seq) {
        long before = pool.query("SELECT through_seq FROM change_log_pruned").execute()
                .await().atMost(ChatClient.WAIT).iterator().next().getLong(0);
        pool.preparedQuery("UPDATE change_log_pruned SET through_seq = GREATEST(through_seq, $1)")
                .execute(Tuple.of(seq)).await().atMost(ChatClient.WAIT);
        return before;
    }
}
