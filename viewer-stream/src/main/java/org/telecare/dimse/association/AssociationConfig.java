package org.telecare.dimse.association;

import io.vertx.core.json.JsonObject;
import org.telecare.dimse.pdu.AeTitle;

/**
 * Settings of one local AE, acceptor or requestor.
 *
 * @param aeTitle         our AE title (the called AE that acceptors answer to)
 * @param host            acceptor bind address
 * @param port            acceptor port; 0 = any free port
 * @param maxPduLength    the largest P-DATA-TF we receive (PS3.8 Annex D.1), announced in item 51h
 * @param artimMillis     ARTIM timer (PS3.8 §9.1.5): waiting for A-ASSOCIATE-RQ, -AC, and for close after release/abort
 * @param idleMillis      an established association with no traffic and no outstanding operation is aborted; 0 = never
 * @param maxAssociations concurrent associations of an acceptor; more are rejected transiently
 * @param aePolicy        which calling AEs are accepted
 */
public record AssociationConfig(String aeTitle, String host, int port, int maxPduLength, long artimMillis,
                                long idleMillis, int maxAssociations, AePolicy aePolicy) {

    public static final String DEFAULT_AE_TITLE = "TELECARE";
    public static final int DEFAULT_PORT = 11112;
    public static final int DEFAULT_MAX_PDU_LENGTH = 64 * 1024;
    /** Smallest max PDU we announce; PS3.8 Annex D.1 leaves it open, but tiny PDUs only cost. */
    public static final int MIN_MAX_PDU_LENGTH = 4096;

    public AssociationConfig {
        aeTitle = AeTitle.validate(aeTitle);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxPduLength < MIN_MAX_PDU_LENGTH || maxPduLength > 16 << 20) {
            throw new IllegalArgumentException("max PDU length must be 4 KiB .. 16 MiB: " + maxPduLength);
        }
        if (artimMillis <= 0 || idleMillis < 0 || maxAssociations <= 0) {
            throw new IllegalArgumentException("ARTIM must be positive, idle non-negative, max associations positive");
        }
        if (host == null || host.isBlank()) {
            host = "0.0.0.0";
        }
        if (aePolicy == null) {
            aePolicy = AePolicy.ANY;
        }
    }

    public static AssociationConfig defaults() {
        return new AssociationConfig(DEFAULT_AE_TITLE, "0.0.0.0", DEFAULT_PORT, DEFAULT_MAX_PDU_LENGTH, 30_000,
                300_000, 100, AePolicy.ANY);
    }

    /**
     * From a module's configuration section: {@code aeTitle}, {@code host}, {@code port},
     * {@code maxPduLength}, {@code artimMillis}, {@code idleMillis}, {@code maxAssociations};
     * absent keys keep the defaults.
     */
    public static AssociationConfig fromJson(JsonObject json, AePolicy policy) {
        AssociationConfig d = defaults();
        return new AssociationConfig(json.getString("aeTitle", d.aeTitle()), json.getString("host", d.host()),
                json.getInteger("port", d.port()), json.getInteger("maxPduLength", d.maxPduLength()),
                json.getLong("artimMillis", d.artimMillis()), json.getLong("idleMillis", d.idleMillis()),
                json.getInteger("maxAssociations", d.maxAssociations()), policy);
    }

    public AssociationConfig withAeTitle(String title) {
        return new AssociationConfig(title, host, port, maxPduLength, artimMillis, idleMillis, maxAssociations, aePolicy);
    }

    public AssociationConfig withPort(String bindHost, int bindPort) {
        return new AssociationConfig(aeTitle, bindHost, bindPort, maxPduLength, artimMillis, idleMillis, maxAssociations, aePolicy);
    }

    public AssociationConfig withTimers(long artim, long idle) {
        return new AssociationConfig(aeTitle, host, port, maxPduLength, artim, idle, maxAssociations, aePolicy);
    }

    public AssociationConfig withMaxPduLength(int max) {
        return new AssociationConfig(aeTitle, host, port, max, artimMillis, idleMillis, maxAssociations, aePolicy);
    }

    public AssociationConfig withMaxAssociations(int max) {
        return new AssociationConfig(aeTitle, host, port, maxPduLength, artimMillis, idleMillis, max, aePolicy);
    }

    public AssociationConfig withAePolicy(AePolicy policy) {
        return new AssociationConfig(aeTitle, host, port, maxPduLength, artimMillis, idleMillis, maxAssociations, policy);
    }
}
