package dev.workflowchat.chat.support;

import dev.workflowchat.infra.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a service that a test can cut (every connection dropped, new ones
 * refused) and restore: a network failure between a browser and the service, for real. In front
 * of several replicas it hands each new connection to the next one, as a round-robin load balancer.
 */
public final class TcpProxy implements AutoCloseable {

    private final int[] targetPorts;
    private final AtomicInteger next = new AtomicInteger();
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean closed;

    private TcpProxy(int[] targetPorts, int port) {
        this.targetPorts = targetPorts;
        this.port = port;
    }

    public static TcpProxy to(int targetPort) throws IOException {
        return roundRobin(targetPort);
    }

    /** Connection 1 goes to the first port, connection 2 to the second, and so on, round and round. */
    public static TcpProxy roundRobin(int... targetPorts) throws IOException {
        TcpProxy proxy = new TcpProxy(targetPorts.clone(), FreePort.find());
        proxy.listen();
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Drops every open connection and refuses new ones until {@link #restore}. */
    public synchronized void cut() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    public synchronized void restore() throws IOException {
        listen();
    }

    private void listen() throws IOException {
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = listening;
        daemon("proxy-accept-" + port, () -> accept(listening));
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed() && !closed) {
            try {
                Socket client = listening.accept();
                int targetPort = targetPorts[Math.floorMod(next.getAndIncrement(), targetPorts.length)];
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(target);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                // the listener was closed by cut() or close()
            }
        }
    }

    private void pump(Socket from, Socket to) {
        daemon("proxy-pump-" + port, () -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side went away: the other goes too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        cut();
    }
}
