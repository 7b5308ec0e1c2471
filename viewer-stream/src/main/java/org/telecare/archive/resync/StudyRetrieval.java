package org.telecare.archive.resync;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.archive.remote.KnownAe;
import org.telecare.archive.remote.RetrieveMethod;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dimse.association.AssociationInfo;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.message.SubOperations;
import org.telecare.dimse.scu.DicomClient;
import org.telecare.dimse.scu.Offer;
import org.telecare.dimse.scu.ScuAssociation;
import org.telecare.dimse.service.RetrieveResult;
import org.telecare.dimse.service.ServiceRegistry;
import org.telecare.dimse.service.SopClasses;
import org.telecare.dimse.service.StoreHandler;
import org.telecare.dimse.service.StoreRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pulls one study from a remote archive at study level (Study Root, PS3.4 §C.6.2): C-MOVE with
 * our own AE as destination, so the remote opens a second association to our storage SCP, or
 * C-GET, whose C-STOREs come back on the same association (PS3.4 §C.4.3) and go to the same
 * store handler. Either way each object takes the normal storage path (duplicate policy,
 * indexing, routing).
 */
public final class StudyRetrieval {
    private static final Logger LOG = LoggerFactory.getLogger(StudyRetrieval.class);

    private final DicomClient client;
    private final String ourAeTitle;
    private final StoreHandler store;

    public StudyRetrieval(DicomClient client, String ourAeTitle, StoreHandler store) {
        this.client = client;
        this.ourAeTitle = ourAeTitle;
        this.store = store;
    }

    public Future<RetrieveResult> retrieve(KnownAe remote, String studyInstanceUid, Consumer<SubOperations> progress) {
        boolean get = remote.retrieve() == RetrieveMethod.GET;
        String sopClass = get ? SopClasses.STUDY_ROOT_QR_GET : SopClasses.STUDY_ROOT_QR_MOVE;
        List<Offer> offers = new ArrayList<>();
        offers.add(Offer.of(sopClass));
        Future<ScuAssociation> connected;
        if (get) {
            // PS3.4 §C.4.3.1.2: the retriever offers the storage classes it takes, with the SCP role.
            SopClasses.STORAGE.forEach(c -> offers.add(new Offer(c, TransferSyntaxes.STORAGE, false).withScpRole()));
            StoreHandler fromRemote = request -> store.begin(asSentBy(request, remote.aeTitle()));
            connected = client.connect(remote.ae().host(), remote.ae().port(), remote.aeTitle(), offers,
                    new ServiceRegistry().store(fromRemote, SopClasses.STORAGE).requestHandler());
        } else {
            connected = client.connect(remote.ae().host(), remote.ae().port(), remote.aeTitle(), offers);
        }
        return connected.compose(a -> {
            String ts = a.info().contextFor(sopClass, List.of()).map(pc -> pc.transferSyntax()).orElse(null);
            if (ts == null) {
                a.abort();
                return Future.failedFuture(new IllegalStateException(remote.aeTitle() + " does not accept "
                        + (get ? "C-GET" : "C-MOVE") + " at study root"));
            }
            Buffer identifier;
            try {
                identifier = identifier(studyInstanceUid, ts);
            } catch (IOException e) {
                a.abort();
                return Future.failedFuture(e);
            }
            Future<RetrieveResult> result = get ? a.get(sopClass, ts, identifier, progress)
                    : a.move(sopClass, ts, ourAeTitle, identifier, progress);
            return result.compose(r -> a.release().recover(e -> {
                LOG.debug("release after re-sync: {}", e.toString());
                a.abort();
                return Future.succeededFuture();
            }).map(r));
        });
    }

    /** The C-STOREs of a C-GET are the remote's: file them under its title, as a C-MOVE's would be. */
    private static StoreRequest asSentBy(StoreRequest r, String remoteAe) {
        AssociationInfo i = r.association();
        AssociationInfo theirs = new AssociationInfo(remoteAe, i.callingAeTitle(), i.remoteAddress(), i.ourMaxPduLength(),
                i.peerMaxPduLength(), i.contexts(), i.roles(), i.peerImplementationClassUid(),
                i.peerImplementationVersion(), i.userIdentity());
        return new StoreRequest(theirs, r.command(), r.transferSyntax());
    }

    /** Study-level identifier (PS3.4 §C.4.2.1.4.1): Query/Retrieve Level and the Study Instance UID only. */
    static Buffer identifier(String studyInstanceUid, String transferSyntax) throws IOException {
        Attributes ds = new Attributes();
        ds.putString(0x00080052, VR.CS, "STUDY");
        ds.putString(Tag.STUDY_INSTANCE_UID, VR.UI, studyInstanceUid);
        return Buffer.buffer(DicomWriter.toBytes(ds, TransferSyntax.of(transferSyntax)));
    }
}
