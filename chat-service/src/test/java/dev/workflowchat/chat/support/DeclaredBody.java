package dev.workflowchat.chat.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request that declares a body larger than a limit but sends only its start, and the raw answer.
 * A server refuses such a request by its declared length, before the body has arrived, and closes;
 * a client still writing the whole body (REST Assured) may then fail with a broken pipe and never
 * read the answer, so a test of the limit sends only the start and reads.
 */
public final class DeclaredBody {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?m)^content-length:\\s*(\\d+)\\s*$");

    private DeclaredBody() {
    }

    /** POSTs JSON declaring {@code declaredBytes} and sending {@code start}; the answer as text, up to its end or 10 s. */
    public static String answer(URI base, String path, long declaredBytes, String start) throws IOException {
        return answer(base, "POST", path, null, declaredBytes, start);
    }

    /** The same with a method and, when not null, a bearer token. */
    public static String answer(URI base, String method, String path, String bearer, long declaredBytes, String start)
            throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                    + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                    + "Content-Length: " + declaredBytes + "\r\n\r\n" + start).getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder answer = new StringBuilder();
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[4096];
            try {
                for (int read = in.read(chunk); read > 0; read = in.read(chunk)) {
                    answer.append(new String(chunk, 0, read, StandardCharsets.UTF_8));
                    if (complete(answer)) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                // the answer so far is what the server said
            }
            return answer.toString();
        }
    }

    /** Whether a whole HTTP/1.1 answer has come: its declared length of body, or a chunked body's last chunk. */
    private static boolean complete(StringBuilder answer) {
        int headersEnd = answer.indexOf("\r\n\r\n");
        if (headersEnd < 0) {
            return false;
        }
        String headers = answer.substring(0, headersEnd).toLowerCase(Locale.ROOT);
        Matcher length = CONTENT_LENGTH.matcher(headers);
        if (length.find()) {
            // the bodies here are ASCII JSON: characters count as bytes
            return answer.length() - headersEnd - 4 >= Long.parseLong(length.group(1));
        }
        return headers.contains("transfer-encoding: chunked") && answer.indexOf("\r\n0\r\n\r\n", headersEnd) >= 0;
    }
}
