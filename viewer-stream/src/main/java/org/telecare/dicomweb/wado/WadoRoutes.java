package org.telecare.dicomweb.wado;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.access.AccessGuard;
import org.telecare.access.policy.DataAction;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.dicom.data.Uid;
import org.telecare.dicomweb.DicomWebErrors;
import org.telecare.dicomweb.StudyAccess;
import org.telecare.dicomweb.multipart.ContentType;
import org.telecare.dicomweb.multipart.MultipartException;
import org.telecare.dicomweb.multipart.MultipartWriter;
import org.telecare.storage.blob.BlobStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WADO-RS retrieve (PS3.18 §10.4.1) of a study, a series or an instance, and their
 * {@code /metadata}, under {@code /api/v1/dicomweb}; an instance's frames ({@link FrameRoutes})
 * and the bulk data its metadata refers to ({@link BulkDataRoutes}).
 *
 * <p>Instances go out as stored (the transfer syntax each part names): {@code Accept} may ask
 * for {@code transfer-syntax=*} or for the stored syntax; a request for another syntax is 406
 * until transcoding exists, rather than an answer in a syntax the client did not ask for.
 */
public final class WadoRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(WadoRoutes.class);
    static final String BASE = "/dicomweb/studies/:study";

    private final InstanceCatalog catalog;
    private final BlobStore blobs;
    private final StudyAccess access;

    public WadoRoutes(InstanceCatalog catalog, BlobStore blobs, StudyAccess access) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.access = access;
    }

    public void mount(Router api, AccessGuard guard) {
        api.get(BASE).handler(guard.authenticated()).handler(ctx -> retrieve(ctx, false, false));
        api.get(BASE + "/metadata").handler(guard.authenticated()).handler(ctx -> metadata(ctx, false, false));
        api.get(BASE + "/series/:series").handler(guard.authenticated()).handler(ctx -> retrieve(ctx, true, false));
        api.get(BASE + "/series/:series/metadata").handler(guard.authenticated()).handler(ctx -> metadata(ctx, true, false));
        api.get(BASE + "/series/:series/instances/:instance").handler(guard.authenticated())
                .handler(ctx -> retrieve(ctx, true, true));
        api.get(BASE + "/series/:series/instances/:instance/metadata").handler(guard.authenticated())
                .handler(ctx -> metadata(ctx, true, true));
        LayoutReader layouts = new LayoutReader(catalog, blobs, access, null);
        api.get(BASE + "/series/:series/instances/:instance/frames/:frames").handler(guard.authenticated())
                .handler(new FrameRoutes(layouts)::frames);
        api.get(BASE + "/series/:series/instances/:instance/bulk/*").handler(guard.authenticated())
                .handler(new BulkDataRoutes(layouts)::bulk);
    }

    private record Target(String study, Optional<String> series, Optional<String> instance) {
        String type() {
            return instance.isPresent() ? "instance" : series.isPresent() ? "series" : "study";
        }

        String id() {
            return instance.or(() -> series).orElse(study);
        }
    }

    private static Target target(RoutingContext ctx, boolean series, boolean instance) {
        String study = uid(ctx, "study");
        return new Target(study, series ? Optional.of(uid(ctx, "series")) : Optional.empty(),
                instance ? Optional.of(uid(ctx, "instance")) : Optional.empty());
    }

    private static String uid(RoutingContext ctx, String param) {
        String v = ctx.pathParam(param);
        if (v == null || !Uid.isValid(v)) {
            throw DicomWebErrors.badUid(param + " UID", v == null ? "" : v.length() > 80 ? v.substring(0, 80) + "…" : v);
        }
        return v;
    }

    private void metadata(RoutingContext ctx, boolean series, boolean instance) {
        Target t = target(ctx, series, instance);
        access.check(ctx, t.study(), DataAction.READ, t.type(), t.id())
                .compose(f -> catalog.metadataArray(t.study(), t.series(), t.instance()))
                .onSuccess(array -> {
                    if (array.length() <= 2) {
                        ctx.fail(DicomWebErrors.notFound(t.type() + " " + t.id()));
                        return;
                    }
                    ctx.response().putHeader("Content-Type", "application/dicom+json").end(array);
                })
                .onFailure(ctx::fail);
    }

    private void retrieve(RoutingContext ctx, boolean series, boolean instance) {
        Target t = target(ctx, series, instance);
        Optional<String> wanted = acceptedTransferSyntax(ctx.request().getHeader("Accept"));
        access.check(ctx, t.study(), DataAction.READ, t.type(), t.id())
                .compose(f -> catalog.instances(t.study(), t.series(), t.instance()))
                .onSuccess(list -> {
                    if (list.isEmpty()) {
                        ctx.fail(DicomWebErrors.notFound(t.type() + " " + t.id()));
                        return;
                    }
                    if (wanted.isPresent()) {
                        for (StoredInstance i : list) {
                            if (!i.transferSyntaxUid().equals(wanted.get())) {
                                ctx.fail(DicomWebErrors.notAcceptable("instance " + i.sopInstanceUid() + " is stored in "
                                        + i.transferSyntaxUid() + "; ask with transfer-syntax=* or that syntax"));
                                return;
                            }
                        }
                    }
                    stream(ctx.response(), list);
                })
                .onFailure(ctx::fail);
    }

    private void stream(HttpServerResponse response, List<StoredInstance> list) {
        MultipartWriter parts = new MultipartWriter();
        // Pixel data barely shrinks under gzip and costs the CPU the next answer needs.
        response.setChunked(true).putHeader("Content-Type", parts.contentType("application/dicom"))
                .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
        InstancePrefetch it = new InstancePrefetch(blobs, list);
        next(response, parts, it).onComplete(r -> {
            if (r.succeeded()) {
                response.end(parts.close());
            } else {
                // The status line is gone; cutting the connection is the only honest answer left.
                LOG.warn("WADO-RS answer cut short: {}", r.cause().toString());
                response.reset();
            }
        });
    }

    private Future<Void> next(HttpServerResponse response, MultipartWriter parts, InstancePrefetch it) {
        if (!it.hasNext()) {
            return Future.succeededFuture();
        }
        InstancePrefetch.Next n = it.next();
        StoredInstance i = n.instance();
        Future<Void> written = n.whole().map(read -> read.compose(bytes -> {
            if (bytes.length() != i.size()) {
                return Future.failedFuture(new IllegalStateException("blob " + i.blob() + " has " + bytes.length()
                        + " bytes, the index says " + i.size()));
            }
            response.write(parts.partStart("application/dicom; transfer-syntax=" + i.transferSyntaxUid(), Map.of()));
            response.write(bytes);
            return drained(response);
        })).orElseGet(() -> {
            response.write(parts.partStart("application/dicom; transfer-syntax=" + i.transferSyntaxUid(), Map.of()));
            return BlobStreamer.copy(blobs, i.blob(), 0, i.size(), response);
        });
        // A fresh task per object: a series of thousands never deepens the stack.
        return written.compose(v -> {
            io.vertx.core.Promise<Void> following = io.vertx.core.Promise.promise();
            io.vertx.core.Vertx.currentContext().runOnContext(x -> next(response, parts, it).onComplete(following));
            return following.future();
        });
    }

    /** Completes when the response can take more: a slow client holds back reading, not memory. */
    private static Future<Void> drained(HttpServerResponse response) {
        if (!response.writeQueueFull()) {
            return Future.succeededFuture();
        }
        io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
        response.drainHandler(v -> {
            response.drainHandler(null);
            p.tryComplete();
        });
        response.exceptionHandler(p::tryFail);
        response.closeHandler(v -> p.tryFail("the client closed the connection"));
        return p.future();
    }

    /**
     * The transfer syntax the client insists on, or empty for "as stored" (no Accept, a wildcard,
     * or {@code transfer-syntax=*}); 406 when nothing acceptable is offered (PS3.18 §8.7.3).
     */
    static Optional<String> acceptedTransferSyntax(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.empty();
        }
        String insisted = null;
        for (String range : accept.split(",")) {
            ContentType t;
            try {
                t = ContentType.parse(range);
            } catch (MultipartException e) {
                continue;
            }
            if (t.type().equals("*/*") || t.type().equals("multipart/*")) {
                return Optional.empty();
            }
            if (!t.type().equals("multipart/related")) {
                continue;
            }
            String type = t.parameter("type").orElse("application/dicom");
            if (!type.equals("application/dicom")) {
                continue;
            }
            String ts = t.parameter("transfer-syntax").orElse("*");
            if (ts.equals("*")) {
                return Optional.empty();
            }
            insisted = insisted == null ? ts : insisted;
        }
        if (insisted == null) {
            throw DicomWebErrors.notAcceptable("instances are answered as multipart/related; type=\"application/dicom\"");
        }
        return Optional.of(insisted);
    }
}
