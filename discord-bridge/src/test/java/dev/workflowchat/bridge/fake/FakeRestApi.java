package dev.workflowchat.bridge.fake;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Discord's REST API v10 as far as a bridge uses it, plus the CDN for uploads; records every call. */
final class FakeRestApi {

    static final String API_PREFIX = "/api/v10/";
    static final String ATTACHMENTS_PREFIX = "/attachments/";

    private final MessageBoard board;
    private final FakeInteractions interactions;
    private final FakeReactions reactions;
    private final FakeThreads threads;
    private final FakeGateway gateway;
    private final String gatewayUrl;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Deque<RateLimit> rateLimits = new ArrayDeque<>();
    private final List<Failure> failures = new ArrayList<>();
    /** Discord's upload limit of a guild without boosts (10 MiB per file); a test lowers it. */
    private long uploadLimit = 10L * 1024 * 1024;

    private final Predicate<String> withoutManageWebhooks;

    FakeRestApi(MessageBoard board, FakeInteractions interactions, FakeReactions reactions, FakeThreads threads,
                FakeGateway gateway, String gatewayUrl, Predicate<String> withoutManageWebhooks) {
        this.threads = threads;
        this.reactions = reactions;
        this.withoutManageWebhooks = withoutManageWebhooks;
        this.board = board;
        this.gateway = gateway;
        this.interactions = interactions;
        this.gatewayUrl = gatewayUrl;
    }

    void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.startsWith("/gateway")) {
            gateway.accept(request);
        } else if (path.startsWith(ATTACHMENTS_PREFIX)) {
            serveAttachment(request, path.substring(ATTACHMENTS_PREFIX.length()).split("/"));
        } else if (path.startsWith(API_PREFIX)) {
            readBody(request, body -> answer(request, path.substring(API_PREFIX.length()), body));
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    void failWhenBodyContains(String marker, int status, int times) {
        failures.add(new Failure(marker, status, times));
    }

    void limitUploadsTo(long bytes) {
        uploadLimit = bytes;
    }

    void rateLimitNext(String routePrefix, double retryAfterSeconds) {
        rateLimits.add(new RateLimit(routePrefix, retryAfterSeconds));
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    void reset() {
        requests.clear();
        rateLimits.clear();
        failures.clear();
    }

    private void answer(HttpServerRequest request, String route, Body body) {
        Instant at = Instant.now();
        Reply reply;
        try {
            RateLimit limit = takeRateLimit(route);
            Failure failure = takeFailure(body.json());
            if (body.files().stream().anyMatch(file -> file.bytes().length > uploadLimit)) {
                throw DiscordError.entityTooLarge();
            }
            reply = limit != null ? limit.reply()
                    : failure != null ? new Reply(failure.status(), DiscordJson.error(0, failure.status() + ": Server Error"), Map.of())
                    : route(request, route.split("/"), body);
        } catch (DiscordError error) {
            reply = new Reply(error.status, error.body, Map.of());
        } catch (NumberFormatException malformedId) {
            DiscordError error = DiscordError.invalidField("id", "NUMBER_TYPE_COERCE", "Value is not snowflake.");
            reply = new Reply(error.status, error.body, Map.of());
        } catch (RuntimeException bug) {
            // answer rather than leave the client hanging; a 500 is not retried by JDA, so the test fails fast
            reply = new Reply(500, DiscordJson.error(0, "fake Discord failed: " + bug), Map.of());
        }
        requests.add(new RecordedRequest(request.method().name(), route, request.query(), body.json(),
                body.files().stream().map(FakeFile::name).toList(), reply.status(), at));
        HttpServerResponse response = request.response().setStatusCode(reply.status());
        reply.headers().forEach(response::putHeader);
        if (reply.json() == null) {
            response.end();
        } else {
            response.putHeader("Content-Type", "application/json").end(Buffer.buffer(reply.encoded()));
        }
    }

    private Reply route(HttpServerRequest request, String[] p, Body body) {
        String method = request.method().name();
        if (p.length == 2 && p[0].equals("users") && p[1].equals("@me")) {
            requireBot(request);
            return only(method, "GET", DiscordJson::botUser);
        }
        if (p[0].equals("gateway")) {
            return only(method, "GET", () -> new JsonObject()
                    .put("url", gatewayUrl)
                    .put("shards", 1)
                    .put("session_start_limit", new JsonObject()
                            .put("total", 1000).put("remaining", 999).put("reset_after", 0).put("max_concurrency", 1)));
        }
        if (p[0].equals("channels") && p.length >= 3) {
            requireBot(request);
            return channelRoute(request, method, p, body);
        }
        if (p.length == 4 && p[0].equals("guilds") && p[2].equals("members")) {
            requireBot(request);
            if (!p[1].equals(DiscordJson.GUILD_ID)) {
                throw DiscordError.unknownGuild();
            }
            return only(method, "GET", () -> board.member(p[3]));
        }
        if (p.length == 5 && p[0].equals("applications") && p[2].equals("guilds") && p[4].equals("commands")) {
            requireBot(request);
            if (!method.equals("PUT")) {
                throw DiscordError.methodNotAllowed();
            }
            if (body.json() == null || !body.json().strip().startsWith("[")) {
                throw DiscordError.badJson();
            }
            return Reply.ok(interactions.overwriteGuildCommands(p[1], p[3], new JsonArray(body.json())));
        }
        if (p.length == 4 && p[0].equals("interactions") && p[3].equals("callback")) {
            if (!method.equals("POST")) {
                throw DiscordError.methodNotAllowed();
            }
            interactions.callback(p[1], p[2], body.payload());
            return Reply.noContent();
        }
        if (p[0].equals("webhooks") && p.length >= 3 && interactions.knowsToken(p[1], p[2])) {
            return interactionWebhookRoute(method, p, body);
        }
        if (p[0].equals("webhooks") && p.length >= 2) {
            return webhookRoute(request, method, p, body);
        }
        throw DiscordError.notFound();
    }

    /** The interaction's own webhook: the original response and followups, by the interaction's token. */
    private Reply interactionWebhookRoute(String method, String[] p, Body body) {
        String token = p[2];
        if (p.length == 3 && method.equals("POST")) {
            return Reply.ok(interactions.followup(token, body.payload()));
        }
        if (p.length == 5 && p[3].equals("messages") && p[4].equals("@original")) {
            return switch (method) {
                case "PATCH" -> Reply.ok(interactions.editOriginal(token, body.payload()));
                case "GET" -> Reply.ok(interactions.editOriginal(token, new JsonObject()));
                default -> throw DiscordError.methodNotAllowed();
            };
        }
        throw DiscordError.notFound();
    }

    private Reply channelRoute(HttpServerRequest request, String method, String[] p, Body body) {
        String channelId = p[1];
        if (p.length == 3 && p[2].equals("webhooks")) {
            if (withoutManageWebhooks.test(channelId)) {
                throw DiscordError.missingPermissions();
            }
            return switch (method) {
                case "GET" -> Reply.ok(new JsonArray(board.webhooks(channelId)));
                case "POST" -> Reply.ok(board.createWebhook(channelId, body.payload().getString("name")));
                default -> throw DiscordError.methodNotAllowed();
            };
        }
        if (p.length == 3 && p[2].equals("messages")) {
            return switch (method) {
                case "GET" -> Reply.ok(new JsonArray(board.history(channelId, request.getParam("around"),
                        request.getParam("after"), request.getParam("before"), limit(request))));
                case "POST" -> Reply.ok(board.postAsBot(channelId, body.payload(), body.files()));
                default -> throw DiscordError.methodNotAllowed();
            };
        }
        if (threads.handles(p)) {
            return Reply.ok(threads.start(method, p, body.payload(), DiscordJson.botUser()));
        }
        if (reactions.handles(p)) {
            reactions.bot(method, channelId, p[3], p[5]);
            return Reply.noContent();
        }
        if (p.length == 4 && p[2].equals("messages")) {
            String messageId = p[3];
            return switch (method) {
                case "GET" -> Reply.ok(board.message(channelId, messageId));
                case "PATCH" -> Reply.ok(board.editAsBot(channelId, messageId, body.payload(), body.files()));
                case "DELETE" -> {
                    board.delete(channelId, messageId);
                    yield Reply.noContent();
                }
                default -> throw DiscordError.methodNotAllowed();
            };
        }
        throw DiscordError.notFound();
    }

    private Reply webhookRoute(HttpServerRequest request, String method, String[] p, Body body) {
        String webhookId = p[1];
        if (p.length == 2) {
            requireBot(request);
            return switch (method) {
                case "GET" -> Reply.ok(board.webhook(webhookId));
                case "DELETE" -> {
                    board.deleteWebhook(webhookId);
                    yield Reply.noContent();
                }
                default -> throw DiscordError.methodNotAllowed();
            };
        }
        String token = p[2];
        if (p.length == 3) {
            return switch (method) {
                case "GET" -> Reply.ok(board.webhook(webhookId, token));
                case "POST" -> {
                    String thread = request.getParam("thread_id");
                    JsonObject webhook = board.webhook(webhookId, token);
                    boolean opensPost = thread == null && threads.isForum(webhook.getString("channel_id"));
                    if (opensPost && body.payload().getString("thread_name") == null) {
                        throw DiscordError.forumWebhookWithoutThread();
                    }
                    JsonObject message = opensPost ? threads.forumPostByWebhook(webhook, token, body.payload(), body.files())
                            : board.executeWebhook(webhookId, token, body.payload(), body.files(), thread, threads::parentOf);
                    // without ?wait=true Discord answers before the message exists, with an empty 204
                    yield "true".equals(request.getParam("wait")) ? Reply.ok(message) : Reply.noContent();
                }
                case "DELETE" -> {
                    board.webhook(webhookId, token);
                    board.deleteWebhook(webhookId);
                    yield Reply.noContent();
                }
                default -> throw DiscordError.methodNotAllowed();
            };
        }
        if (p.length == 5 && p[3].equals("messages")) {
            String messageId = p[4];
            String thread = request.getParam("thread_id");
            return switch (method) {
                case "GET" -> Reply.ok(board.webhookMessage(webhookId, token, messageId, thread, threads::parentOf));
                case "PATCH" -> Reply.ok(board.editWebhookMessage(webhookId, token, messageId, body.payload(), body.files(),
                        thread, threads::parentOf));
                case "DELETE" -> {
                    board.deleteWebhookMessage(webhookId, token, messageId, thread, threads::parentOf);
                    yield Reply.noContent();
                }
                default -> throw DiscordError.methodNotAllowed();
            };
        }
        throw DiscordError.notFound();
    }

    private static Reply only(String method, String allowed, Supplier<JsonObject> answer) {
        if (!method.equals(allowed)) {
            throw DiscordError.methodNotAllowed();
        }
        return Reply.ok(answer.get());
    }

    private static void requireBot(HttpServerRequest request) {
        if (!("Bot " + DiscordJson.BOT_TOKEN).equals(request.getHeader("Authorization"))) {
            throw DiscordError.unauthorized();
        }
    }

    private static int limit(HttpServerRequest request) {
        String limit = request.getParam("limit");
        return limit == null ? 50 : Math.max(1, Math.min(100, Integer.parseInt(limit)));
    }

    private Failure takeFailure(String json) {
        for (Iterator<Failure> it = failures.iterator(); it.hasNext(); ) {
            Failure failure = it.next();
            if (json != null && json.contains(failure.marker())) {
                if (failure.remaining().decrementAndGet() <= 0) {
                    it.remove();
                }
                return failure;
            }
        }
        return null;
    }

    /** A server error Discord answers to requests whose body holds the marker, so many times. */
    private record Failure(String marker, int status, java.util.concurrent.atomic.AtomicInteger remaining) {
        Failure(String marker, int status, int times) {
            this(marker, status, new java.util.concurrent.atomic.AtomicInteger(times));
        }
    }

    private RateLimit takeRateLimit(String route) {
        for (Iterator<RateLimit> it = rateLimits.iterator(); it.hasNext(); ) {
            RateLimit limit = it.next();
            if (route.startsWith(limit.routePrefix())) {
                it.remove();
                return limit;
            }
        }
        return null;
    }

    private void serveAttachment(HttpServerRequest request, String[] p) {
        FakeFile file = p.length == 3 ? board.file(p[1]) : null;
        if (file == null) {
            request.response().setStatusCode(404).end();
            return;
        }
        HttpServerResponse response = request.response();
        if (file.contentType() != null) {
            response.putHeader("Content-Type", file.contentType());
        }
        response.end(Buffer.buffer(file.bytes()));
    }

    /** JSON bodies as they are; multipart as Discord defines it: payload_json plus files[n] parts. */
    private static void readBody(HttpServerRequest request, Consumer<Body> then) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.startsWith("multipart/form-data")) {
            request.body().onSuccess(buffer -> then.accept(
                    new Body(buffer.length() == 0 ? null : buffer.toString(), List.of())));
            return;
        }
        request.setExpectMultipart(true);
        Map<Integer, FakeFile> files = new TreeMap<>();
        request.uploadHandler(upload -> {
            Buffer data = Buffer.buffer();
            upload.handler(data::appendBuffer);
            upload.endHandler(ignored -> files.put(fileIndex(upload.name(), files.size()),
                    new FakeFile(upload.filename(), upload.contentType(), data.getBytes())));
        });
        request.endHandler(ignored -> {
            MultiMap form = request.formAttributes();
            then.accept(new Body(form.get("payload_json"), List.copyOf(files.values())));
        });
    }

    private static int fileIndex(String partName, int fallback) {
        if (partName.startsWith("files[") && partName.endsWith("]")) {
            return Integer.parseInt(partName.substring(6, partName.length() - 1));
        }
        return fallback;
    }

    /** What came in: the JSON text (for multipart, the payload_json part) and the uploaded files. */
    private record Body(String json, List<FakeFile> files) {
        JsonObject payload() {
            try {
                return json == null ? new JsonObject() : new JsonObject(json);
            } catch (DecodeException e) {
                throw DiscordError.badJson();
            }
        }
    }

    private record Reply(int status, Object json, Map<String, String> headers) {
        static Reply ok(Object json) {
            return new Reply(200, json, Map.of());
        }

        static Reply noContent() {
            return new Reply(204, null, Map.of());
        }

        String encoded() {
            return json instanceof JsonArray array ? array.encode() : ((JsonObject) json).encode();
        }
    }

    /**
     * One 429 to answer. JDA needs the {@code Via} header to take it for Discord's own rate limit (without
     * it, a Cloudflare ban that stops all requests), reads {@code Retry-After} as whole seconds, and
     * treats any {@code X-RateLimit-Global} header, even "false", as a global limit, so none is sent.
     */
    private record RateLimit(String routePrefix, double retryAfterSeconds) {
        Reply reply() {
            double resetAt = Instant.now().toEpochMilli() / 1000.0 + retryAfterSeconds;
            JsonObject body = new JsonObject()
                    .put("message", "You are being rate limited.")
                    .put("retry_after", retryAfterSeconds)
                    .put("global", false);
            Map<String, String> headers = Map.of(
                    "Retry-After", Long.toString((long) Math.ceil(retryAfterSeconds)),
                    "X-RateLimit-Limit", "5",
                    "X-RateLimit-Remaining", "0",
                    "X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", resetAt),
                    "X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", retryAfterSeconds),
                    "X-RateLimit-Bucket", "fake-" + Integer.toHexString(routePrefix.hashCode()),
                    "X-RateLimit-Scope", "user",
                    "Via", "1.1 google");
            return new Reply(429, body, headers);
        }
    }
}
