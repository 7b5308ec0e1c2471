package org.telecare.collab.bridge;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.telecare.access.Principal;
import org.telecare.collab.session.CollabSession;

import java.util.Optional;

/**
 * One browser's WebSocket on this node: who it is (fixed at the upgrade, from the session
 * cookie), which collaborative session it said hello to, and the number of the last event it
 * was sent ({@link #seq}, read and written only on the feeds' context).
 */
final class Connection {
    final String id;
    final Principal who;
    final String clientAddress;
    final ServerWebSocket socket;
    /** Set once hello succeeded; read on the connection's event loop. */
    volatile String sessionId;
    /** Last event sent to this browser; {@code -1} before its first snapshot. Feeds' context only. */
    long seq = -1;
    private volatile boolean closed;

    Connection(String id, Principal who, String clientAddress, ServerWebSocket socket) {
        this.id = id;
        this.who = who;
        this.clientAddress = clientAddress;
        this.socket = socket;
    }

    String login() {
        return who.login();
    }

    boolean joined() {
        return sessionId != null;
    }

    boolean closed() {
        return closed;
    }

    void send(JsonObject message) {
        if (!closed) {
            socket.writeTextMessage(message.encode());
        }
    }

    void snapshot(CollabSession s) {
        send(new JsonObject().put("type", "snapshot").put("seq", s.seq()).put("state", s.state())
                .put("session", s.describe())
                .put("you", new JsonObject().put("login", who.login()).put("connection", id)));
    }

    void error(int code, String message, Optional<String> ref) {
        JsonObject e = new JsonObject().put("type", "error").put("code", code).put("message", message);
        ref.ifPresent(r -> e.put("ref", r));
        send(e);
    }

    /** Sends the error, then closes with a WebSocket status (RFC 6455 §7.4.1). */
    void close(int status, int code, String message) {
        if (closed) {
            return;
        }
        error(code, message, Optional.empty());
        closed = true;
        socket.close((short) status, message.length() > 100 ? message.substring(0, 100) : message);
    }

    void markClosed() {
        closed = true;
    }
}
