package org.telecare.collab.bridge;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test browser on the collaboration WebSocket: what it receives, in order, and how it was closed. */
public final class WsPeer implements AutoCloseable {
    public static final long WAIT_SECONDS = 20;
    /** Held: Vert.x closes a client that is no longer referenced, and its sockets with it. */
    private final WebSocketClient client;
    private final WebSocket ws;
    private final BlockingQueue<JsonObject> in = new LinkedBlockingQueue<>();
    public final CompletableFuture<Short> closed = new CompletableFuture<>();
    /** Everything received, for order checks. */
    public final List<JsonObject> all = java.util.Collections.synchronizedList(new ArrayList<>());

    private WsPeer(WebSocketClient client, WebSocket ws) {
        this.client = client;
        this.ws = ws;
        ws.textMessageHandler(t -> {
            JsonObject j = new JsonObject(t);
            all.add(j);
            in.add(j);
        });
        ws.closeHandler(v -> closed.complete(ws.closeStatusCode() == null ? -1 : ws.closeStatusCode()));
    }

    /** Connects with {@code headers} (a cookie, or the test guard's user header). */
    public static WsPeer connect(Vertx vertx, int port, MultiMap headers) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI("/api/v1/collab/ws");
        headers.forEach(o::addHeader);
        Future<WebSocket> f = client.connect(o);
        return new WsPeer(client, f.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    public WsPeer send(JsonObject message) {
        ws.writeTextMessage(message.encode());
        return this;
    }

    public WsPeer sendText(String text) {
        ws.writeTextMessage(text);
        return this;
    }

    public WebSocket socket() {
        return ws;
    }

    /** The next message that matches, skipping others; fails after {@link #WAIT_SECONDS}. */
    public JsonObject next(Predicate<JsonObject> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            JsonObject m = in.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && wanted.test(m)) {
                return m;
            }
        }
        throw new AssertionError("no " + what + " within " + WAIT_SECONDS + " s; received: " + all);
    }

    public JsonObject next(String type) throws InterruptedException {
        return next(m -> type.equals(m.getString("type")), type);
    }

    public JsonObject snapshotAfterHello(String session, long lastSeq) throws InterruptedException {
        send(new JsonObject().put("type", "hello").put("session", session).put("lastSeq", lastSeq));
        return next("snapshot");
    }

    public short awaitClose() throws Exception {
        return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            ws.close();
        }
    }
}
