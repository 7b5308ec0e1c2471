package org.telecare.dimse.association;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Listens for associations on a Vert.x {@code NetServer} (TCP_NODELAY on): each connection gets
 * its own {@link Association} in Sta2 with the ARTIM timer running.
 */
public final class AcceptorServer {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptorServer.class);

    private final NetServer server;
    private final AtomicInteger active;

    private AcceptorServer(NetServer server, AtomicInteger active) {
        this.server = server;
        this.active = active;
    }

    /**
     * Starts listening on {@code config.host():config.port()} (port 0 = any free port, see
     * {@link #port()}).
     *
     * @param handlers the DIMSE layer for each established association
     */
    public static Future<AcceptorServer> start(Vertx vertx, AssociationConfig config, SyntaxSupport support,
                                               Function<Association, AssociationHandler> handlers) {
        AtomicInteger active = new AtomicInteger();
        NetServer server = vertx.createNetServer(new NetServerOptions().setHost(config.host()).setPort(config.port())
                .setTcpNoDelay(true).setTcpKeepAlive(true));
        server.connectHandler(socket -> {
            int now = active.incrementAndGet();
            boolean overLimit = now > config.maxAssociations();
            Association.accept(vertx, socket, config,
                    (rq, remote) -> Negotiation.negotiate(rq, config, support, remote, overLimit),
                    handlers, active::decrementAndGet);
        });
        return server.listen().map(s -> {
            LOG.info("DICOM AE {} listening on {}:{}", config.aeTitle(), config.host(), s.actualPort());
            return new AcceptorServer(s, active);
        });
    }

    /** The bound port. */
    public int port() {
        return server.actualPort();
    }

    /** Open transport connections (associations, established or not). */
    public int activeConnections() {
        return active.get();
    }

    /** Stops accepting; established associations keep running until they end. */
    public Future<Void> close() {
        return server.close();
    }
}
