package org.telecare.archive.qr;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.archive.index.StudyIndex;
import org.telecare.archive.remote.RemoteAes;
import org.telecare.dimse.service.FindHandler;
import org.telecare.dimse.service.GetHandler;
import org.telecare.dimse.service.MoveHandler;
import org.telecare.archive.outbound.OutboundData;

/**
 * The archive's Query/Retrieve SCP (PS3.4 Annex C, ARC-2) for the Patient Root and Study Root
 * information models: C-FIND over the study index, C-MOVE to known remote AEs, C-GET on the
 * requestor's association. Register the three handlers for the six SOP classes.
 */
public final class QueryRetrieveScp {
    private final FindScp find;
    private final MoveScp move;
    private final GetScp get;

    /**
     * @param dicomConfig the module's {@code dicom} section: our AE settings (max PDU, timers) for
     *                    the associations a C-MOVE opens
     */
    public QueryRetrieveScp(Vertx vertx, StudyIndex index, InstanceCatalog catalog, OutboundData dataSets,
                            RemoteAes remoteAes, JsonObject dicomConfig) {
        RetrieveResolver resolver = new RetrieveResolver(index, catalog);
        this.find = new FindScp(index);
        this.move = new MoveScp(vertx, resolver, dataSets, remoteAes, dicomConfig.copy());
        this.get = new GetScp(vertx, resolver, dataSets);
    }

    public FindHandler find() {
        return find;
    }

    public MoveHandler move() {
        return move;
    }

    public GetHandler get() {
        return get;
    }
}
