package org.telecare.dicomweb.rendered;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.policy.DataAction;
import org.telecare.archive.catalog.InstanceCatalog;
import org.telecare.archive.catalog.StoredInstance;
import org.telecare.dicom.data.Uid;
import org.telecare.dicomweb.DicomWebErrors;
import org.telecare.dicomweb.StudyAccess;
import org.telecare.storage.blob.BlobStore;
import org.telecare.web.ApiException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rendered resources and thumbnails (PS3.18 §10.4.1.1.3 and §10.4.1.1.4, §8.3.5.1), under
 * {@code /api/v1/dicomweb}:
 * <pre>
 * studies/{s}/series/{se}/instances/{i}/rendered          first frame of the instance
 * studies/{s}/series/{se}/instances/{i}/frames/{n}/rendered
 * studies/{s}/thumbnail, …/series/{se}/thumbnail           a representative instance
 * …/instances/{i}/thumbnail, …/instances/{i}/frames/{n}/thumbnail
 * </pre>
 * Access is decided per study exactly as for WADO-RS ({@link StudyAccess}, SEC-4, logged SEC-8).
 * A multi-frame instance's {@code /rendered} is its first frame, not every frame.
 */
public final class RenderedRoutes {
    static final String BASE = "/dicomweb/studies/:study";
    static final String INSTANCE = BASE + "/series/:series/instances/:instance";
    /** How many instances a series or study thumbnail tries before giving up (non-images are skipped). */
    static final int THUMBNAIL_CANDIDATES = 5;

    private final InstanceCatalog catalog;
    private final StudyAccess access;
    private final InstanceRenderer renderer;

    public RenderedRoutes(InstanceCatalog catalog, BlobStore blobs, StudyAccess access, RenderPool pool, Path scratch) {
        this.catalog = catalog;
        this.access = access;
        this.renderer = new InstanceRenderer(blobs, pool, scratch);
    }

    public void mount(Router api, AccessGuard guard) {
        api.get(INSTANCE + "/rendered").handler(guard.authenticated()).handler(ctx -> instance(ctx, false, false));
        api.get(INSTANCE + "/frames/:frames/rendered").handler(guard.authenticated()).handler(ctx -> instance(ctx, true, false));
        api.get(INSTANCE + "/thumbnail").handler(guard.authenticated()).handler(ctx -> instance(ctx, false, true));
        api.get(INSTANCE + "/frames/:frames/thumbnail").handler(guard.authenticated()).handler(ctx -> instance(ctx, true, true));
        api.get(BASE + "/series/:series/thumbnail").handler(guard.authenticated()).handler(ctx -> representative(ctx, true));
        api.get(BASE + "/thumbnail").handler(guard.authenticated()).handler(ctx -> representative(ctx, false));
    }

    private void instance(RoutingContext ctx, boolean frame, boolean thumbnail) {
        String study = uid(ctx, "study");
        String series = uid(ctx, "series");
        String sop = uid(ctx, "instance");
        int frameNumber = frame ? frameNumber(ctx.pathParam("frames")) : 1;
        RenderQuery query = query(ctx, thumbnail);
        access.check(ctx, study, DataAction.READ, "instance", sop)
                .compose(f -> catalog.instances(study, Optional.of(series), Optional.of(sop)))
                .compose(list -> {
                    if (list.isEmpty()) {
                        return Future.failedFuture(DicomWebErrors.notFound("instance " + sop));
                    }
                    return renderer.render(list.getFirst(), frameNumber, query);
                })
                .onSuccess(bytes -> send(ctx, query, bytes))
                .onFailure(ctx::fail);
    }

    private void representative(RoutingContext ctx, boolean seriesLevel) {
        String study = uid(ctx, "study");
        Optional<String> series = seriesLevel ? Optional.of(uid(ctx, "series")) : Optional.empty();
        RenderQuery query = query(ctx, true);
        access.check(ctx, study, DataAction.READ, seriesLevel ? "series" : "study", series.orElse(study))
                .compose(f -> catalog.instances(study, series, Optional.empty()))
                .compose(list -> {
                    if (list.isEmpty()) {
                        return Future.failedFuture(DicomWebErrors.notFound((seriesLevel ? "series " : "study ")
                                + series.orElse(study)));
                    }
                    return firstRenderable(candidates(list), 0, query);
                })
                .onSuccess(bytes -> send(ctx, query, bytes))
                .onFailure(ctx::fail);
    }

    /**
     * The representative instance: the middle one of the first series (in catalog order), then
     * its neighbours, so a series that opens with a localizer or a report still shows an image.
     */
    static List<StoredInstance> candidates(List<StoredInstance> all) {
        String firstSeries = all.getFirst().seriesUid();
        List<StoredInstance> series = all.stream().filter(i -> i.seriesUid().equals(firstSeries)).toList();
        List<StoredInstance> out = new ArrayList<>();
        int middle = (series.size() - 1) / 2;
        for (int d = 0; out.size() < Math.min(THUMBNAIL_CANDIDATES, series.size()); d++) {
            if (middle + d < series.size()) {
                out.add(series.get(middle + d));
            }
            if (d > 0 && middle - d >= 0 && out.size() < THUMBNAIL_CANDIDATES) {
                out.add(series.get(middle - d));
            }
        }
        return out;
    }

    private Future<byte[]> firstRenderable(List<StoredInstance> candidates, int at, RenderQuery query) {
        return renderer.render(candidates.get(at), 1, query).recover(e -> {
            boolean notAnImage = e instanceof ApiException a && a.code() == RenderedErrors.NOT_AN_IMAGE;
            return notAnImage && at + 1 < candidates.size() ? firstRenderable(candidates, at + 1, query) : Future.failedFuture(e);
        });
    }

    private static RenderQuery query(RoutingContext ctx, boolean thumbnail) {
        RenderQuery q = RenderQuery.parse(ctx.queryParams(), ctx.request().getHeader("Accept"));
        return thumbnail ? q.asThumbnail() : q;
    }

    private static void send(RoutingContext ctx, RenderQuery query, byte[] bytes) {
        ctx.response().putHeader("Content-Type", query.encoding().mediaType()).end(io.vertx.core.buffer.Buffer.buffer(bytes));
    }

    /** One frame number, 1-based (PS3.18 §10.4.1.1.3); a list of frames would be a multipart answer, which is not offered. */
    static int frameNumber(String value) {
        if (value == null || !value.strip().matches("[0-9]{1,9}")) {
            throw RenderedErrors.badParameter("frame is one number from 1 (a list of frames is not rendered): " + value);
        }
        int n = Integer.parseInt(value.strip());
        if (n < 1) {
            throw new ApiException(404, RenderedErrors.NO_SUCH_FRAME, "frame numbers start at 1");
        }
        return n;
    }

    private static String uid(RoutingContext ctx, String param) {
        String v = ctx.pathParam(param);
        if (v == null || !Uid.isValid(v)) {
            throw DicomWebErrors.badUid(param + " UID", v == null ? "" : v.length() > 80 ? v.substring(0, 80) + "…" : v);
        }
        return v;
    }
}
