package org.telecare.archive.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.archive.index.DuplicateInstanceException;
import org.telecare.archive.index.DuplicatePolicy;
import org.telecare.archive.index.IndexOutcome;
import org.telecare.archive.index.IndexedInstance;
import org.telecare.archive.index.ObjectLocation;
import org.telecare.archive.index.StudyIndex;
import org.telecare.archive.store.ArchiveSink;
import org.telecare.archive.store.ReceivedObject;
import org.telecare.dicom.data.Tag;
import org.telecare.dicomweb.json.DicomJsonWriter;
import org.telecare.dimse.message.Status;
import org.telecare.dimse.service.DimseServiceException;
import org.telecare.storage.blob.BlobStore;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The archive proper behind every way in (C-STORE, STOW-RS, import): the Part 10 file goes to
 * the blob store (durable when the future completes), then its keys and DICOM JSON metadata to
 * the index, and only then is the answer success (ARC-1). A repeated SOP Instance UID follows the
 * configured {@link DuplicatePolicy}; the same bytes sent again are simply success.
 */
public final class IndexingSink implements ArchiveSink {
    /** PS3.7 Annex C has no "duplicate" status for C-STORE; A700H's class with our comment is what peers handle. */
    static final Status DUPLICATE_REFUSED = new Status(0xA700);
    private static final int INLINE_LIMIT = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(IndexingSink.class);

    private final Vertx vertx;
    private final BlobStore blobs;
    private final StudyIndex index;
    private final DuplicatePolicy duplicates;
    private final Consumer<NewInstance> onNew;

    public IndexingSink(Vertx vertx, BlobStore blobs, StudyIndex index, DuplicatePolicy duplicates) {
        this(vertx, blobs, index, duplicates, i -> { });
    }

    /**
     * @param onNew told, right after the index write, of each instance stored with new content
     *              (auto-routing, ARC-3); it must not block, and the sender's answer never waits
     *              for what it starts
     */
    public IndexingSink(Vertx vertx, BlobStore blobs, StudyIndex index, DuplicatePolicy duplicates,
                        Consumer<NewInstance> onNew) {
        this.vertx = vertx;
        this.blobs = blobs;
        this.index = index;
        this.duplicates = duplicates;
        this.onNew = onNew;
    }

    @Override
    public Future<Status> accept(ReceivedObject o) {
        return blobs.putFile(o.part10()).compose(blob -> vertx.executeBlocking(() -> {
            String study = o.dataset().getString(Tag.STUDY_INSTANCE_UID).orElseThrow();
            String series = o.dataset().getString(0x0020000E).orElseThrow();
            JsonObject metadata = new DicomJsonWriter(INLINE_LIMIT, path -> Optional.of(bulkUri(study, series,
                    o.sopInstanceUid(), path))).write(o.dataset());
            try {
                return new IndexedInstance(InstanceKeys.of(o.dataset()), new ObjectLocation(blob.id(),
                        o.transferSyntaxUid(), blob.size()), o.receivedAt(), o.sourceAe() == null ? "" : o.sourceAe(),
                        metadata);
            } catch (IllegalArgumentException e) {
                throw new DimseServiceException(Status.CANNOT_UNDERSTAND, e.getMessage());
            }
        }, false)).compose(instance -> index.index(instance, duplicates).map(outcome -> {
                    if (outcome == IndexOutcome.STORED || outcome == IndexOutcome.REPLACED) {
                        announce(o, instance);
                    }
                    return Status.SUCCESS;
                })
                .recover(e -> e instanceof DuplicateInstanceException
                        ? Future.failedFuture(new DimseServiceException(DUPLICATE_REFUSED,
                        "SOP Instance " + o.sopInstanceUid() + " is stored already with other content"))
                        : Future.failedFuture(e)));
    }

    private void announce(ReceivedObject o, IndexedInstance instance) {
        try {
            onNew.accept(new NewInstance(o.sourceAe() == null ? "" : o.sourceAe(), o.calledAe(),
                    o.dataset().getString(Tag.MODALITY).orElse(""), o.meta().attributes()
                    .getString(Tag.MEDIA_STORAGE_SOP_CLASS_UID).orElse(""), o.sopInstanceUid(),
                    instance.studyInstanceUid(), instance.seriesInstanceUid(), instance.location()));
        } catch (RuntimeException e) {
            // the object is stored; a listener's fault must not turn that into a failure status
            LOG.error("new-instance listener failed for {}", o.sopInstanceUid(), e);
        }
    }

    /** WADO-RS bulk data of one attribute: {@code …/instances/{uid}/bulk/{tag[/tag…]}} (PS3.18 §10.4.1.1.5). */
    static String bulkUri(String study, String series, String instance, List<Integer> path) {
        return "/api/v1/dicomweb/studies/" + study + "/series/" + series + "/instances/" + instance + "/bulk/"
                + path.stream().map(t -> String.format(Locale.ROOT, "%08X", t)).collect(Collectors.joining("/"));
    }
}
