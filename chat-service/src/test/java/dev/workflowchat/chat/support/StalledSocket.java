package dev.workflowchat.chat.support;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client that stops reading right after the handshake, with a tiny receive buffer:
 * what the server sends it piles up on the server's side. Done by hand because every WebSocket
 * library reads for you.
 */
public final class StalledSocket implements AutoCloseable {

    private final Socket socket;

    private StalledSocket(Socket socket) {
        this.socket = socket;
    }

    /** Upgrades {@code /ws} with a bearer token, reads the 101 and nothing more. */
    public static StalledSocket open(URI base, String token) throws IOException {
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
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("the upgrade was refused: " + head);
        }
        return new StalledSocket(socket);
    }

    /**
     * Sends one text frame (masked, as a client must) and still reads nothing: a client that asks
     * for things (a resume, a history page) but never takes the answers.
     */
    public void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {0x1b, 0x2c, 0x3d, 0x4e};
        java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        socket.getOutputStream().write(frame.toByteArray());
        socket.getOutputStream().flush();
    }

    /** Reads, at last, the frames the server had buffered, up to its close frame; returns the close code. */
    public int closeCodeAfterDraining() throws IOException {
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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
