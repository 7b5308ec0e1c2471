package org.telecare.cassandra.devnode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Port probes on one address. A probe binds the port as Cassandra will, so "free" here means
 * Cassandra's own bind will succeed (barring a race with another process in between).
 */
final class FreePorts {
    private FreePorts() {
    }

    static boolean isFree(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Like Cassandra's listeners: a port in TIME_WAIT after a restart is still usable.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code count} distinct free ports: all sockets stay open until every port is chosen. */
    static List<Integer> pick(InetAddress address, int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(address, 0), 1);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new CassandraDevNodeException("cannot find a free port on " + address.getHostAddress()
                    + ": " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Nothing was sent on it; the port is released either way.
                }
            }
        }
    }
}
