package org.telecare.node.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import org.telecare.node.config.NodeConfig;

/**
 * The Hazelcast member configuration for a node: Vert.x's default cluster maps, a TCP join list
 * (never multicast: hospital networks block it, and it would let strangers join), loopback by
 * default, and no phone-home (these machines have no internet, hospitals want none).
 */
public final class HazelcastSetup {
    /** Member attribute that carries telecare's own node id, so {@code /health} can show it. */
    public static final String NODE_ID_ATTRIBUTE = "telecare.node";

    private HazelcastSetup() {
    }

    public static Config forNode(NodeConfig node) {
        NodeConfig.Cluster cluster = node.cluster();
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(cluster.name());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // The node's own shutdown hook leaves the cluster after HTTP and storage are closed.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // Notice a dead member in seconds rather than a minute, so its rooms and locks move on.
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
        config.getMemberAttributeConfig().setAttribute(NODE_ID_ATTRIBUTE, node.nodeId());

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(cluster.port());
        // A lone node may take the next free port; cluster members must be where the others expect.
        network.setPortAutoIncrement(cluster.members().isEmpty());
        network.getInterfaces().setEnabled(true).addInterface(cluster.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members().isEmpty()
                ? java.util.List.of(cluster.host()) : cluster.members());
        config.setProperty("hazelcast.local.localAddress", cluster.host());
        return config;
    }
}
