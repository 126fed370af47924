package dev.workflowchat.chat.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.RedisNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading fills its bounded send buffer and is closed (1008), while a client
 * that reads gets every message; the server does not hold ever more for the one that stopped.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SlowClientTest {

    private static final int MESSAGES = 300;
    private static final int CONTENT_CHARS = 30_000;

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Inject
    MeterRegistry metrics;

    @Test
    void aClientThatStopsReadingIsCutOffAndTheOthersGetEverything() throws Exception {
        String channel = Channels.create("slow-readers");
        String token = Accounts.member("reader").token();
        double closedBefore = metrics.counter("wfchat.websocket.slow.closed").count();
        Agent agent = new Agent(redis, names);
        String filler = "x".repeat(CONTENT_CHARS);

        try (Socket stalled = openAndStopReading(token);
             ChatClient reader = ChatClient.connect(base, token)) {
            for (int i = 0; i < MESSAGES; i++) {
                agent.add(Agent.message(Agent.newId(), "code", channel, "m" + i + " " + filler));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.framesOfType("message.created").stream()
                    .filter(frame -> channel.equals(frame.path("message").path("channel").asText())).count() == MESSAGES);
            // ~9 MB were pushed: far more than the stalled client's buffer (256 KiB in tests) and the kernel's
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> metrics.counter("wfchat.websocket.slow.closed").count() > closedBefore);
            assertThat(closeCodeAfterDraining(stalled)).isEqualTo(1008);
        }
    }

    /** A WebSocket handshake by hand, with a tiny receive buffer; after the 101 nothing more is read. */
    private Socket openAndStopReading(String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        socket.setSoTimeout(30_000);
        String key = Base64.getEncoder().encodeToString("slow-client-key!".getBytes(StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        InputStream in = socket.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("closed during the handshake: " + head);
            }
            head.append((char) next);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return socket;
    }

    /** Reads the frames the server had buffered, up to its close frame; returns the close code. */
    private static int closeCodeAfterDraining(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true) {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = in.readNBytes((int) length);
            if ((first & 0x0f) == 0x8) {
                return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
            }
        }
    }
}
