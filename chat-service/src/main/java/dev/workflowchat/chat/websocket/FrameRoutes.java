package dev.workflowchat.chat.websocket;

import dev.workflowchat.chat.delivery.ClientSession;
import dev.workflowchat.protocol.frame.ClientFrame;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which code carries out each kind of client frame: one route per frame type, none missing. */
final class FrameRoutes {

    /** Carries out one frame of type {@code F} and says what to answer. */
    @FunctionalInterface
    interface Route<F extends ClientFrame> {
        Uni<ServerFrame> handle(WebSocketConnection connection, ClientSession session, F frame);
    }

    private final Map<Class<?>, Route<?>> routes = new HashMap<>();

    <F extends ClientFrame> FrameRoutes on(Class<F> type, Route<F> route) {
        if (routes.putIfAbsent(type, route) != null) {
            throw new IllegalStateException("two routes for " + type.getSimpleName());
        }
        return this;
    }

    /** Refuses to start with a frame type the parser yields but nothing carries out. */
    FrameRoutes requireAll() {
        List<String> missing = Arrays.stream(ClientFrame.class.getPermittedSubclasses())
                .filter(type -> !routes.containsKey(type)).map(Class::getSimpleName).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no route for " + missing);
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    Uni<ServerFrame> handle(WebSocketConnection connection, ClientSession session, ClientFrame frame) {
        Route<ClientFrame> route = (Route<ClientFrame>) routes.get(frame.getClass());
        return route.handle(connection, session, frame);
    }
}
