package dev.workflowchat.infra;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One plain RESP2 connection for tests, logged in as the user of its {@code redis://user:password@host:port}
 * URL: any command, answered with exactly what Redis says (an error reply is thrown with its text,
 * {@code NOPERM ...}), and what Redis pushes after a SUBSCRIBE.
 */
public final class RawRedis implements AutoCloseable {

    private static final Duration ANSWER = Duration.ofSeconds(5);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawRedis(String uri) throws IOException {
        URI parsed = URI.create(uri);
        this.socket = new Socket(parsed.getHost(), parsed.getPort() < 0 ? 6379 : parsed.getPort());
        socket.setSoTimeout((int) ANSWER.toMillis());
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        String userInfo = parsed.getRawUserInfo();
        if (userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            call("AUTH", decode(parts[0]), decode(parts[1]));
        }
    }

    public static RawRedis connect(String uri) throws IOException {
        return new RawRedis(uri);
    }

    /** The command's reply: a String, a Long, a List of replies, or null. */
    public Object call(String... command) {
        try {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(("*" + command.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String word : command) {
                byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
                request.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                request.write(bytes);
                request.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(request.toByteArray());
            out.flush();
            return reply();
        } catch (IOException e) {
            throw new UncheckedIOException(command[0] + " got no answer", e);
        }
    }

    /** The next reply Redis sends unasked (a message of a subscription), waiting at most 5 s. */
    public Object pushed() {
        try {
            return reply();
        } catch (IOException e) {
            throw new UncheckedIOException("nothing pushed", e);
        }
    }

    private Object reply() throws IOException {
        String line = line();
        return switch (line.charAt(0)) {
            case '+' -> line.substring(1);
            case '-' -> throw new IllegalStateException(line.substring(1));
            case ':' -> Long.parseLong(line.substring(1));
            case '$' -> bulk(Integer.parseInt(line.substring(1)));
            case '*' -> array(Integer.parseInt(line.substring(1)));
            default -> throw new IllegalStateException("not RESP2: " + line);
        };
    }

    private String bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length + 2);
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private List<Object> array(int size) throws IOException {
        if (size < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(reply());
        }
        return items;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int next = in.read(); next != -1; next = in.read()) {
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
        }
        throw new IOException("connection closed");
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
