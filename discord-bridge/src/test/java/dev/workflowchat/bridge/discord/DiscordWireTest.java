package dev.workflowchat.bridge.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's HTTP client tells each attempt that failed after its request went out (a post Discord may have
 * taken, which the client then sends again by itself), without the webhook's token; and still counts 429s.
 */
class DiscordWireTest {

    private static final String TOKEN = "Xy9_-aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefghijklmnopqrstuvwxyz12";

    private final List<String> said = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            said.add(new java.util.logging.SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger(DiscordWire.class.getName());

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    @Test
    void anAttemptCutOffAfterItsRequestWentOutIsSaidWithoutTheToken() throws Exception {
        AtomicInteger requestsRead = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            answer(server, requestsRead, null);
            OkHttpClient client = new OkHttpClient.Builder().addNetworkInterceptor(new DiscordWire(() -> { })).build();

            assertThatThrownBy(() -> client.newCall(webhookPost(server)).execute().close()).isInstanceOf(IOException.class);

            assertThat(requestsRead.get()).isPositive();
            assertThat(said).hasSizeGreaterThanOrEqualTo(requestsRead.get()).allSatisfy(line -> assertThat(line)
                    .startsWith("Discord POST /api/v10/webhooks/1300000000000000001/… failed on the wire (")
                    .doesNotContain(TOKEN));
        }
    }

    @Test
    void eachRateLimitedAnswerIsCounted() throws Exception {
        AtomicInteger requestsRead = new AtomicInteger();
        AtomicInteger counted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            answer(server, requestsRead, "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n");
            OkHttpClient client = new OkHttpClient.Builder().addNetworkInterceptor(new DiscordWire(counted::incrementAndGet)).build();

            try (var response = client.newCall(webhookPost(server)).execute()) {
                assertThat(response.code()).isEqualTo(429);
            }

            assertThat(counted.get()).isEqualTo(1);
            assertThat(said).isEmpty();
        }
    }

    @Test
    void pathsKeepTheirIdsAndLoseTheirTokens() {
        assertThat(DiscordWire.pathOf(new Request.Builder()
                .url("http://127.0.0.1/api/v10/interactions/1300000000000000009/" + TOKEN + "/callback").build()))
                .isEqualTo("/api/v10/interactions/1300000000000000009/…/callback");
        assertThat(DiscordWire.pathOf(new Request.Builder()
                .url("http://127.0.0.1/api/v10/channels/1300000000000000001/messages/1300000000000000002").build()))
                .isEqualTo("/api/v10/channels/1300000000000000001/messages/1300000000000000002");
    }

    private static Request webhookPost(ServerSocket server) {
        return new Request.Builder()
                .url("http://127.0.0.1:" + server.getLocalPort() + "/api/v10/webhooks/1300000000000000001/" + TOKEN + "?wait=true")
                .post(RequestBody.create("{\"content\":\"hello\"}", MediaType.get("application/json"))).build();
    }

    /**
     * A peer that reads each request's head and body, then writes {@code reply} and closes; with no reply it closes
     * without a word: a reply lost on the way.
     */
    private static void answer(ServerSocket server, AtomicInteger requestsRead, String reply) {
        Thread peer = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    String head = readHead(in);
                    int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
                    in.readNBytes(length);
                    requestsRead.incrementAndGet();
                    if (reply != null) {
                        socket.getOutputStream().write(reply.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                    }
                } catch (IOException | RuntimeException closed) {
                    return;
                }
            }
        }, "peer");
        peer.setDaemon(true);
        peer.start();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("closed");
            }
            head.append((char) next);
        }
        return head.toString();
    }
}
