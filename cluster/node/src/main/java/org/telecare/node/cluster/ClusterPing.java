package org.telecare.node.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * A heartbeat over the clustered event bus (OPS-1): a ping is <em>published</em> to every node;
 * each answers to the asker's reply address with its node id. Which nodes answered, and how
 * fast, shows whether the event bus really spans the cluster, not only Hazelcast membership.
 */
public final class ClusterPing {
    static final String ADDRESS = "telecare.cluster.ping";

    private final Vertx vertx;
    private final String nodeId;
    private MessageConsumer<JsonObject> consumer;

    public ClusterPing(Vertx vertx, String nodeId) {
        this.vertx = vertx;
        this.nodeId = nodeId;
    }

    public Future<Void> start() {
        consumer = vertx.eventBus().consumer(ADDRESS, msg -> {
            String replyTo = msg.body().getString("replyTo");
            if (replyTo != null && replyTo.startsWith(ADDRESS + ".reply.")) {
                vertx.eventBus().send(replyTo, new JsonObject().put("nodeId", nodeId)
                        .put("sentAt", msg.body().getLong("sentAt")));
            }
        });
        return consumer.completion();
    }

    /**
     * Publishes a ping and collects the answers that come within {@code timeoutMs}, or until
     * {@code expected} nodes have answered.
     */
    public Future<JsonArray> ping(int expected, long timeoutMs) {
        String replyTo = ADDRESS + ".reply." + UUID.randomUUID();
        JsonArray answers = new JsonArray();
        Promise<JsonArray> done = Promise.promise();
        MessageConsumer<JsonObject> replies = vertx.eventBus().consumer(replyTo);
        long timer = vertx.setTimer(timeoutMs, t -> done.tryComplete(answers));
        replies.handler(msg -> {
            long rtt = System.nanoTime() - msg.body().getLong("sentAt", System.nanoTime());
            answers.add(new JsonObject().put("nodeId", msg.body().getString("nodeId"))
                    .put("roundTripMs", rtt / 1_000_000.0));
            if (answers.size() >= expected) {
                done.tryComplete(answers);
            }
        });
        replies.completion().onSuccess(v -> vertx.eventBus().publish(ADDRESS,
                new JsonObject().put("replyTo", replyTo).put("sentAt", System.nanoTime())));
        return done.future().onComplete(r -> {
            vertx.cancelTimer(timer);
            replies.unregister();
        });
    }

    public Future<Void> stop() {
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }
}
