package org.telecare.dimse.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.telecare.dimse.association.AcceptorServer;
import org.telecare.dimse.association.AePolicy;
import org.telecare.dimse.association.AssociationConfig;
import org.telecare.dimse.message.DimseExchange;
import org.telecare.module.ModuleContext;

/**
 * A DICOM AE listening for associations: the acceptor server plus the service registry. From a
 * module: {@code DicomServer.start(ctx.vertx(), AssociationConfig.fromJson(ctx.config().getJsonObject("dicom", new JsonObject()), policy), registry)}.
 */
public final class DicomServer {
    private final AcceptorServer acceptor;
    private final AssociationConfig config;

    private DicomServer(AcceptorServer acceptor, AssociationConfig config) {
        this.acceptor = acceptor;
        this.config = config;
    }

    public static Future<DicomServer> start(Vertx vertx, AssociationConfig config, ServiceRegistry services) {
        return AcceptorServer.start(vertx, config, services, DimseExchange.factory(services.requestHandler()))
                .map(a -> new DicomServer(a, config));
    }

    /** From a JSON section (see {@link AssociationConfig#fromJson}). */
    public static Future<DicomServer> start(Vertx vertx, JsonObject config, AePolicy policy, ServiceRegistry services) {
        return start(vertx, AssociationConfig.fromJson(config, policy), services);
    }

    /**
     * From a module: Vert.x and the {@code dicom} object of the module's configuration
     * ({@code aeTitle}, {@code host}, {@code port}, {@code maxPduLength}, {@code artimMillis},
     * {@code idleMillis}, {@code maxAssociations}); defaults: {@code TELECARE} on 11112.
     */
    public static Future<DicomServer> start(ModuleContext context, AePolicy policy, ServiceRegistry services) {
        return start(context.vertx(), context.config().getJsonObject("dicom", new JsonObject()), policy, services);
    }

    public int port() {
        return acceptor.port();
    }

    public String aeTitle() {
        return config.aeTitle();
    }

    public int activeConnections() {
        return acceptor.activeConnections();
    }

    public Future<Void> close() {
        return acceptor.close();
    }
}
