package dev.workflowchat.chat.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.Hooks;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.chat.support.Uploads;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what, cell by cell: every REST endpoint and every WebSocket frame type, for an
 * anonymous caller, a member, an approver and an admin, on their own things and on someone
 * else's (the "owner", another member). Each table row names what it tries; each cell is asserted.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AuthorizationMatrixTest {

    private static final AtomicInteger UNIQUE = new AtomicInteger();

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    enum Caller { ANONYMOUS, MEMBER, APPROVER, ADMIN }

    /** What a REST call does, for one caller, given the shared fixture. */
    @FunctionalInterface
    interface Call {
        Response call(RequestSpecification request, Caller caller);
    }

    /** One REST endpoint and the status each caller gets. */
    record Endpoint(String name, Call call, int anonymous, int member, int approver, int admin) {
        int expectedFor(Caller caller) {
            return switch (caller) {
                case ANONYMOUS -> anonymous;
                case MEMBER -> member;
                case APPROVER -> approver;
                case ADMIN -> admin;
            };
        }
    }

    /** Sends one frame for a signed-in caller on its socket and returns the frame's ref. */
    @FunctionalInterface
    interface Send {
        String send(ChatClient client, Caller caller);
    }

    /** One WebSocket frame and how it is answered for each signed-in caller: an answer type or an error code. */
    record Frame(String name, Send send, String member, String approver, String admin) {
        String expectedFor(Caller caller) {
            return switch (caller) {
                case MEMBER -> member;
                case APPROVER -> approver;
                case ADMIN -> admin;
                case ANONYMOUS -> throw new IllegalArgumentException("anonymous callers get no socket");
            };
        }
    }

    private final Map<Caller, SignedIn> callers = new EnumMap<>(Caller.class);
    private String channel;
    private SignedIn owner;
    private ChatClient ownerClient;
    private Agent agent;

    @BeforeEach
    void world() {
        channel = Channels.create("authz");
        owner = Accounts.member("owner");
        callers.put(Caller.MEMBER, Accounts.member("mx-member"));
        callers.put(Caller.APPROVER, Accounts.approver("mx-approver"));
        // an admin of the matrix's own, so logging it out or mistyping its password touches no other test
        callers.put(Caller.ADMIN, Accounts.create("mx-admin", List.of("admin")));
        ownerClient = ChatClient.connect(base, owner.token());
        agent = new Agent(redis, names);
    }

    @AfterEach
    void closeOwner() {
        ownerClient.close();
    }

    @Test
    void everyRestEndpointAnswersEachCallerAsTheTableSays() {
        String othersMessage = ownerClient.post(channel, "owner's words");
        String othersUpload = Uploads.uploaded(owner.token(), "owner-draft.txt", Uploads.text("not sent yet"));
        String attachedUpload = Uploads.uploaded(owner.token(), "shared.txt", Uploads.text("sent"));
        ownerClient.awaitAck(ownerClient.send("message.send", "channel", channel, "content", "with a file",
                "attachment_ids", List.of(attachedUpload)));
        String decided = pendingApproval();
        decide(Accounts.admin().token(), decided);

        List<Endpoint> table = List.of(
                new Endpoint("POST /api/auth/login, right password", (r, c) -> login(r, c, Accounts.PASSWORD),
                        200, 200, 200, 200),
                new Endpoint("POST /api/auth/login, wrong password", (r, c) -> login(r, c, "not-the-password"),
                        401, 401, 401, 401),
                new Endpoint("POST /api/auth/logout (a fresh session)", (r, c) -> r.post("/api/auth/logout"),
                        401, 204, 204, 204),
                new Endpoint("GET /api/me", (r, c) -> r.get("/api/me"), 401, 200, 200, 200),
                new Endpoint("GET /api/users", (r, c) -> r.get("/api/users"), 401, 200, 200, 200),
                new Endpoint("POST /api/users", (r, c) -> r.contentType(ContentType.JSON)
                        .body(Map.of("username", "mx-new-" + UNIQUE.incrementAndGet() + "-" + System.nanoTime() % 10000,
                                "password", "long-enough", "roles", List.of("admin")))
                        .post("/api/users"), 401, 403, 403, 201),
                new Endpoint("PATCH /api/users/{someone else}", (r, c) -> r.contentType(ContentType.JSON)
                        .body(Map.of("roles", List.of("approver")))
                        .patch("/api/users/" + Accounts.member("mx-target").username()), 401, 403, 403, 200),
                new Endpoint("POST /api/users/{someone else}/password", (r, c) -> r.contentType(ContentType.JSON)
                        .body(Map.of()).post("/api/users/" + Accounts.member("mx-target").username() + "/password"),
                        401, 403, 403, 200),
                new Endpoint("PATCH /api/me", (r, c) -> r.contentType(ContentType.JSON)
                        .body(Map.of("display_name", "Matrix " + c)).patch("/api/me"), 401, 200, 200, 200),
                new Endpoint("GET /api/me/preferences", (r, c) -> r.get("/api/me/preferences"), 401, 200, 200, 200),
                new Endpoint("GET /api/push/key", (r, c) -> r.get("/api/push/key"), 401, 200, 200, 200),
                new Endpoint("GET /api/channels", (r, c) -> r.get("/api/channels"), 401, 200, 200, 200),
                new Endpoint("GET /api/channels/archived", (r, c) -> r.get("/api/channels/archived"), 401, 403, 403, 200),
                new Endpoint("PATCH /api/channels/{name}", (r, c) -> r.contentType(ContentType.JSON)
                        .body(Map.of("description", "matrix " + c)).patch("/api/channels/" + channel), 401, 403, 403, 200),
                new Endpoint("POST /api/channels/{name}/archive", (r, c) -> r.post("/api/channels/"
                        + Channels.create("mx-archive") + "/archive"), 401, 403, 403, 200),
                new Endpoint("POST /api/channels", (r, c) -> r.contentType(ContentType.JSON)
                        .body(Map.of("name", "mx-" + UNIQUE.incrementAndGet() + "-" + System.nanoTime() % 100000,
                                "description", "matrix"))
                        .post("/api/channels"), 401, 403, 403, 201),
                new Endpoint("GET /api/channels/{name}/messages", (r, c) -> r.get("/api/channels/" + channel + "/messages"),
                        401, 200, 200, 200),
                new Endpoint("GET /api/channels/{name}/pins", (r, c) -> r.get("/api/channels/" + channel + "/pins"),
                        401, 200, 200, 200),
                new Endpoint("GET /api/channels/{name}/attachments",
                        (r, c) -> r.get("/api/channels/" + channel + "/attachments"), 401, 200, 200, 200),
                new Endpoint("GET /api/messages/search", (r, c) -> r.queryParam("q", "words").get("/api/messages/search"),
                        401, 200, 200, 200),
                new Endpoint("GET /api/messages/{someone else's}/thread",
                        (r, c) -> r.get("/api/messages/" + othersMessage + "/thread"), 401, 200, 200, 200),
                new Endpoint("POST /api/uploads", (r, c) -> r.multiPart("file", "mine.txt", Uploads.text("mine"), "text/plain")
                        .post("/api/uploads"), 401, 201, 201, 201),
                new Endpoint("GET /api/files/{own, unsent}", (r, c) -> r.get("/api/files/" + ownImage(c)),
                        401, 200, 200, 200),
                new Endpoint("GET /api/files/{own, unsent}/thumbnail", (r, c) -> r.get("/api/files/" + ownImage(c) + "/thumbnail"),
                        401, 200, 200, 200),
                new Endpoint("GET /api/files/{someone else's, unsent}", (r, c) -> r.get("/api/files/" + othersUpload),
                        401, 404, 404, 404),
                new Endpoint("GET /api/files/{someone else's, unsent}/thumbnail",
                        (r, c) -> r.get("/api/files/" + othersUpload + "/thumbnail"), 401, 404, 404, 404),
                new Endpoint("GET /api/files/{someone else's, on a message}", (r, c) -> r.get("/api/files/" + attachedUpload),
                        401, 200, 200, 200),
                new Endpoint("GET /api/approvals", (r, c) -> r.get("/api/approvals"), 401, 200, 200, 200),
                new Endpoint("GET /api/approvals/{id}", (r, c) -> r.get("/api/approvals/" + decided), 401, 200, 200, 200),
                new Endpoint("POST /api/approvals/{pending}/decision", (r, c) -> decision(r, pendingApproval()),
                        401, 403, 200, 200),
                new Endpoint("POST /api/approvals/{decided by someone else}/decision", (r, c) -> decision(r, decided),
                        401, 403, 409, 409),
                new Endpoint("GET /api/hooks", (r, c) -> r.get("/api/hooks"), 401, 403, 403, 200),
                new Endpoint("POST /api/hooks", (r, c) -> r.contentType(ContentType.JSON)
                        .body(Map.of("channel", channel, "name", "Matrix bot", "kind", "incoming")).post("/api/hooks"),
                        401, 403, 403, 201),
                new Endpoint("DELETE /api/hooks/{id}", (r, c) -> r.delete("/api/hooks/"
                        + Hooks.incoming(Accounts.inProcess(), channel, "Doomed bot").id()), 401, 403, 403, 204),
                new Endpoint("POST /hooks/{secret} (the secret is the credential)", (r, c) -> r.contentType(ContentType.JSON)
                        .body("{\"text\":\"from the matrix\"}").post(Hooks.incoming(Accounts.inProcess(), channel, "Open bot").path()),
                        200, 200, 200, 200),
                new Endpoint("GET /q/health/ready (public)", (r, c) -> r.get("/q/health/ready"), 200, 200, 200, 200),
                new Endpoint("GET /q/openapi (public)", (r, c) -> r.get("/q/openapi"), 200, 200, 200, 200));

        SoftAssertions softly = new SoftAssertions();
        int cells = 0;
        for (Endpoint endpoint : table) {
            for (Caller caller : Caller.values()) {
                Response response = endpoint.call().call(requestAs(caller, endpoint), caller);
                int expected = endpoint.expectedFor(caller);
                String cell = endpoint.name() + " × " + caller;
                softly.assertThat(response.statusCode()).as(cell).isEqualTo(expected);
                if (expected >= 400) {
                    softly.assertThat(response.contentType()).as(cell + ": a problem body").startsWith("application/problem+json");
                    softly.assertThat(response.jsonPath().getString("code")).as(cell + ": its code").isEqualTo(codeOf(expected));
                }
                cells++;
            }
        }
        System.out.printf("[authz] %d REST endpoints × %d callers = %d cells%n", table.size(), Caller.values().length, cells);
        softly.assertAll();
    }

    @Test
    void everyFrameTypeAnswersEachCallerAsTheTableSays() {
        String othersUpload = Uploads.uploaded(owner.token(), "owner-draft.txt", Uploads.text("not sent yet"));
        String decided = pendingApproval();
        decide(Accounts.admin().token(), decided);

        List<Frame> table = List.of(
                new Frame("message.send", (client, c) -> client.send("message.send", "channel", channel, "content", "hello"),
                        "ack", "ack", "ack"),
                new Frame("message.send with someone else's upload", (client, c) -> client.send("message.send",
                        "channel", channel, "content", "stolen", "attachment_ids", List.of(othersUpload)),
                        "not_found", "not_found", "not_found"),
                new Frame("message.edit own", (client, c) -> client.send("message.edit",
                        "message_id", client.post(channel, "draft"), "content", "final"), "ack", "ack", "ack"),
                new Frame("message.edit someone else's", (client, c) -> client.send("message.edit",
                        "message_id", ownersMessage(), "content", "defaced"), "forbidden", "forbidden", "ack"),
                new Frame("message.delete own", (client, c) -> client.send("message.delete",
                        "message_id", client.post(channel, "regret")), "ack", "ack", "ack"),
                new Frame("message.delete someone else's", (client, c) -> client.send("message.delete",
                        "message_id", ownersMessage()), "forbidden", "forbidden", "ack"),
                new Frame("reaction.add on someone else's", (client, c) -> client.send("reaction.add",
                        "message_id", ownersMessage(), "reaction", "👍"), "ack", "ack", "ack"),
                new Frame("reaction.remove on someone else's", (client, c) -> client.send("reaction.remove",
                        "message_id", ownersMessage(), "reaction", "👍"), "ack", "ack", "ack"),
                new Frame("message.pin someone else's", (client, c) -> client.send("message.pin",
                        "message_id", ownersMessage()), "ack", "ack", "ack"),
                new Frame("message.unpin someone else's", (client, c) -> client.send("message.unpin",
                        "message_id", ownersMessage()), "ack", "ack", "ack"),
                new Frame("typing", (client, c) -> client.send("typing", "channel", channel), "ack", "ack", "ack"),
                new Frame("history", (client, c) -> client.send("history", "channel", channel), "history", "history", "history"),
                new Frame("resume", (client, c) -> client.send("resume", "after_seq",
                        client.awaitType("ready").path("last_seq").asLong()), "ack", "ack", "ack"),
                new Frame("read", (client, c) -> client.send("read", "channel", channel, "seq", 1), "ack", "ack", "ack"),
                new Frame("approval.respond on a pending one", (client, c) -> client.send("approval.respond",
                        "approval_id", pendingApproval(), "action", "approve"), "forbidden", "ack", "ack"),
                new Frame("approval.respond on one decided by someone else", (client, c) -> client.send("approval.respond",
                        "approval_id", decided, "action", "approve"), "forbidden", "conflict", "conflict"),
                new Frame("command.complete", (client, c) -> client.send("command.complete", "text", "/st"),
                        "completions", "completions", "completions"));

        SoftAssertions softly = new SoftAssertions();
        int cells = 0;
        for (Caller caller : List.of(Caller.MEMBER, Caller.APPROVER, Caller.ADMIN)) {
            try (ChatClient client = ChatClient.connect(base, callers.get(caller).token())) {
                for (Frame frame : table) {
                    String ref = frame.send().send(client, caller);
                    softly.assertThat(outcome(client, ref)).as(frame.name() + " × " + caller)
                            .isEqualTo(frame.expectedFor(caller));
                    cells++;
                }
                softly.assertThat(client.isOpen()).as("the socket of " + caller + " stays open through refusals").isTrue();
            }
        }
        System.out.printf("[authz] %d frame types × 3 signed-in callers = %d cells, + the anonymous upgrade%n",
                table.size(), cells);
        softly.assertAll();
    }

    @Test
    void anAnonymousOrLoggedOutCallerGetsNoSocketSoCanSendNoFrame() {
        assertThat(upgradeStatus(Map.of())).isEqualTo(401);
        assertThat(upgradeStatus(Map.of("Cookie", "wfchat_session=forged"))).isEqualTo(401);
        SignedIn gone = Accounts.member("gone");
        RestAssured.given().auth().oauth2(gone.token()).post("/api/auth/logout").then().statusCode(204);
        assertThat(upgradeStatus(Map.of("Authorization", "Bearer " + gone.token()))).isEqualTo(401);
    }

    private int upgradeStatus(Map<String, String> headers) {
        Throwable failure = catchThrowable(() -> ChatClient.connect(base, headers).close());
        assertThat(failure).as("the upgrade must be refused").isNotNull();
        assertThat(failure.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    /** A request as this caller; logout gets a session of its own so the caller's stays usable. */
    private RequestSpecification requestAs(Caller caller, Endpoint endpoint) {
        RequestSpecification request = RestAssured.given().redirects().follow(false);
        if (caller == Caller.ANONYMOUS || endpoint.name().startsWith("POST /api/auth/login")) {
            return request;
        }
        String token = endpoint.name().startsWith("POST /api/auth/logout")
                ? Accounts.login(callers.get(caller).username(), Accounts.PASSWORD).token()
                : callers.get(caller).token();
        return request.auth().oauth2(token);
    }

    /** Logging in is for anyone: the anonymous row logs in as the owner. */
    private Response login(RequestSpecification request, Caller caller, String password) {
        String username = caller == Caller.ANONYMOUS ? owner.username() : callers.get(caller).username();
        return request.contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/login");
    }

    private final Map<Caller, String> ownImages = new EnumMap<>(Caller.class);

    /** An image the caller uploaded and has not sent; the anonymous row asks for the owner's. */
    private String ownImage(Caller caller) {
        SignedIn uploader = caller == Caller.ANONYMOUS ? owner : callers.get(caller);
        return ownImages.computeIfAbsent(caller, ignored -> Uploads.uploaded(uploader.token(), "mine.png",
                Uploads.image("png", 32, 32)));
    }

    private String ownersMessage() {
        return ownerClient.post(channel, "owner's message " + UNIQUE.incrementAndGet());
    }

    /** An approval an agent asked for just now, pending. */
    private String pendingApproval() {
        String id = Agent.newId();
        agent.add(Agent.approvalRequest(id, "code", "code_change", "Matrix " + id, "{\"files\":[\"a.py\"]}", 600));
        String admin = Accounts.admin().token();
        await().atMost(ChatClient.WAIT).until(() -> RestAssured.given().auth().oauth2(admin)
                .get("/api/approvals/" + id).statusCode() == 200);
        return id;
    }

    private static void decide(String token, String approvalId) {
        decision(RestAssured.given().auth().oauth2(token), approvalId).then().statusCode(200);
    }

    private static Response decision(RequestSpecification request, String approvalId) {
        return request.contentType(ContentType.JSON).body(Map.of("action", "approve", "comment", "fine"))
                .post("/api/approvals/" + approvalId + "/decision");
    }

    /** The answer to one frame: its type, or for an error its code. */
    private static String outcome(ChatClient client, String ref) {
        JsonNode answer = client.awaitFrame(frame -> ref.equals(frame.path("ref").asText()));
        String type = answer.path("type").asText();
        return "error".equals(type) ? answer.path("code").asText() : type;
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            default -> "bad_request";
        };
    }
}
