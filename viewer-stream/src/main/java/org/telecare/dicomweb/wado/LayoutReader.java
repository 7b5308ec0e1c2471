package org.telecare.dicomweb.wado;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.policy.DataAction;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.dicom.data.Uid;
import org.telecare.dicomweb.DicomWebErrors;
import org.telecare.dicomweb.StudyAccess;
import org.telecare.storage.blob.BlobStore;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The instance a frames or bulk data URL names, once the data policies allow it (SEC-4, reported
 * like every WADO-RS read), laid out from its blob off the event loop.
 */
final class LayoutReader {
    private final InstanceCatalog catalog;
    private final BlobStore blobs;
    private final StudyAccess access;
    private final Path spill;

    LayoutReader(InstanceCatalog catalog, BlobStore blobs, StudyAccess access, Path spill) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.access = access;
        this.spill = spill;
    }

    BlobStore blobs() {
        return blobs;
    }

    Future<StoredLayout> open(RoutingContext ctx) {
        String study = uid(ctx, "study");
        String series = uid(ctx, "series");
        String instance = uid(ctx, "instance");
        return access.check(ctx, study, DataAction.READ, "instance", instance)
                .compose(f -> catalog.instances(study, Optional.of(series), Optional.of(instance)))
                .compose(list -> list.isEmpty()
                        ? Future.failedFuture(DicomWebErrors.notFound("instance " + instance))
                        : ctx.vertx().executeBlocking(() -> StoredLayout.read(blobs, list.getFirst(), spill), false));
    }

    static String uid(RoutingContext ctx, String param) {
        String v = ctx.pathParam(param);
        if (v == null || !Uid.isValid(v)) {
            throw DicomWebErrors.badUid(param + " UID", v == null ? "" : v.length() > 80 ? v.substring(0, 80) + "…" : v);
        }
        return v;
    }
}
