package org.telecare.web;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is on the other end of a request, for audit records, rate limits and allow-lists: the
 * peer of the TCP connection, never a forwarding header a client can write itself.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    /** The peer's IP address as text, or {@code ""} when the transport does not say. */
    public static String of(RoutingContext ctx) {
        SocketAddress a = ctx.request().connection() != null ? ctx.request().connection().remoteAddress() : null;
        if (a == null) {
            a = ctx.request().remoteAddress();
        }
        return a == null || a.hostAddress() == null ? "" : a.hostAddress();
    }
}
