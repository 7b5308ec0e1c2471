package org.telecare.cassandra.devnode;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.Optional;

/** The two TCP ports a node binds: CQL for clients, storage for other nodes. */
record NodePorts(int nativePort, int storagePort) {

    /**
     * Ports asked for explicitly must be free: better to say so now, naming the port, than to
     * launch a JVM that dies on bind seconds later. Ports left at 0 reuse the ones this
     * data directory had before (a restart keeps its contact point) or else pick free ones.
     */
    static NodePorts resolve(CassandraDevNodeSpec spec, InetAddress address, Optional<DevNodeState> previous) {
        int nativePort = chosen(spec.nativePort(), previous.map(DevNodeState::nativePort), address);
        int storagePort = chosen(spec.storagePort(), previous.map(DevNodeState::storagePort), address);
        if (nativePort != 0) {
            requireFree(address, nativePort, "CQL (native transport) port");
        }
        if (storagePort != 0) {
            requireFree(address, storagePort, "storage (inter-node) port");
        }
        if (nativePort != 0 && nativePort == storagePort) {
            throw new CassandraDevNodeException("the CQL port and the storage port are both " + nativePort);
        }
        int fixedNative = nativePort;
        int fixedStorage = storagePort;
        // Two fresh ports are enough even if one of them happens to equal a port fixed above.
        Iterator<Integer> free = FreePorts.pick(address, 2).stream()
                .filter(port -> port != fixedNative && port != fixedStorage)
                .iterator();
        return new NodePorts(nativePort != 0 ? nativePort : free.next(),
                storagePort != 0 ? storagePort : free.next());
    }

    private static int chosen(int asked, Optional<Integer> before, InetAddress address) {
        if (asked != 0) {
            return asked;
        }
        return before.filter(port -> FreePorts.isFree(address, port)).orElse(0);
    }

    private static void requireFree(InetAddress address, int port, String what) {
        if (!FreePorts.isFree(address, port)) {
            throw new CassandraDevNodeException(what + " " + port + " on " + address.getHostAddress()
                    + " is already in use (another Cassandra? try: bin/telecare cassandra status);"
                    + " free it or choose another port (0 picks a free one)");
        }
    }
}
