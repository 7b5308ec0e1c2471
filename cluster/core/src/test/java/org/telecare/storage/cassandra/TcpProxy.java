package org.telecare.storage.cassandra;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.telecare.storage.conformance.TestBackends.await;

/**
 * A TCP forwarder in front of the test Cassandra node, on a port of its own that can be switched
 * off and on: to a client, Cassandra appears, disappears (connections cut, nothing listening)
 * and comes back, without touching the node every other test shares.
 */
public final class TcpProxy {
    private final Vertx vertx;
    private final InetSocketAddress target;
    private final int port;
    private final NetClient client;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private NetServer server;

    public TcpProxy(Vertx vertx, InetSocketAddress target) throws IOException {
        this.vertx = vertx;
        this.target = target;
        this.port = freePort();
        this.client = vertx.createNetClient();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    public void start() throws Exception {
        server = vertx.createNetServer().connectHandler(this::forward);
        await(server.listen(port, "127.0.0.1"));
    }

    /** Stops listening and cuts every forwarded connection, as a crashed node would. */
    public void stop() throws Exception {
        if (server != null) {
            await(server.close());
            server = null;
        }
        for (NetSocket s : open) {
            s.close();
        }
        open.clear();
    }

    private void forward(NetSocket in) {
        in.pause();
        open.add(in);
        in.closeHandler(v -> open.remove(in));
        client.connect(target.getPort(), target.getHostString()).onComplete(result -> {
            if (result.failed()) {
                in.close();
                return;
            }
            NetSocket out = result.result();
            open.add(out);
            out.closeHandler(v -> {
                open.remove(out);
                in.close();
            });
            in.closeHandler(v -> {
                open.remove(in);
                out.close();
            });
            in.pipeTo(out);
            out.pipeTo(in);
            in.resume();
        });
    }

    void close() throws Exception {
        stop();
        await(client.close().recover(e -> Future.succeededFuture()));
    }
}
