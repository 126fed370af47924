package dev.workflowchat.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Real WebSocket connections to {@code /ws}, as agents and scripts open them (a bearer token, no
 * Origin), on the bench's own Vert.x event loops. Every text frame after {@code ready} goes to
 * the handler given at connect, on the connection's event loop.
 */
final class Sockets implements AutoCloseable {

    /** Connections opening at once; more would only queue inside the server's TCP backlog. */
    private static final int OPENING_AT_ONCE = 64;

    private final WebSocketClient client;
    private final URI base;
    private final List<WebSocket> open = new ArrayList<>();

    Sockets(Vertx vertx, Target target) {
        this.base = target.base();
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(100_000)
                .setConnectTimeout(30_000)
                .setMaxFrameSize(1 << 20)
                .setMaxMessageSize(1 << 20));
    }

    /** Opens one connection and completes when its {@code ready} frame came. */
    Future<WebSocket> connect(String token, Consumer<String> onFrame) {
        Promise<WebSocket> ready = Promise.promise();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(base.getHost()).setPort(base.getPort()).setURI("/ws")
                .addHeader("Authorization", "Bearer " + token);
        client.connect(options).onFailure(ready::tryFail).onSuccess(socket -> {
            synchronized (open) {
                open.add(socket);
            }
            socket.textMessageHandler(text -> {
                if (!ready.future().isComplete()) {
                    if (text.contains("\"type\":\"ready\"")) {
                        ready.tryComplete(socket);
                    } else {
                        ready.tryFail("the first frame was not ready: " + text);
                    }
                    return;
                }
                onFrame.accept(text);
            });
            socket.exceptionHandler(failure -> ready.tryFail(failure));
            socket.closeHandler(ignored -> ready.tryFail("closed before ready"));
        });
        return ready.future();
    }

    /**
     * Opens {@code count} connections, {@code tokens} used in turn, a bounded number at a time;
     * {@code handlerOf} gives the i-th connection's frame handler. Returns them in order.
     */
    List<WebSocket> connectAll(int count, List<String> tokens, java.util.function.IntFunction<Consumer<String>> handlerOf)
            throws InterruptedException {
        Semaphore opening = new Semaphore(OPENING_AT_ONCE);
        List<Future<WebSocket>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            opening.acquire();
            futures.add(connect(tokens.get(i % tokens.size()), handlerOf.apply(i))
                    .onComplete(ignored -> opening.release()));
        }
        if (!opening.tryAcquire(OPENING_AT_ONCE, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("connections still opening after 2 minutes");
        }
        opening.release(OPENING_AT_ONCE);
        List<WebSocket> sockets = new ArrayList<>(count);
        for (Future<WebSocket> future : futures) {
            if (future.failed()) {
                throw new IllegalStateException("a connection failed: " + future.cause().getMessage(), future.cause());
            }
            sockets.add(future.result());
        }
        return sockets;
    }

    int openCount() {
        synchronized (open) {
            return (int) open.stream().filter(socket -> !socket.isClosed()).count();
        }
    }

    /** Closes every connection this opened and waits until they are closed. */
    @Override
    public void close() {
        List<Future<Void>> closing = new ArrayList<>();
        synchronized (open) {
            open.forEach(socket -> closing.add(socket.close()));
            open.clear();
        }
        try {
            Future.join(closing).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // some were closed already; the rest go with the client
        }
        client.close();
    }
}
