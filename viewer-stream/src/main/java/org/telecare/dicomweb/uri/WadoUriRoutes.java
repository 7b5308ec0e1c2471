package org.telecare.dicomweb.uri;

import io.vertx.core.MultiMap;
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
import org.telecare.dicomweb.wado.BlobStreamer;
import org.telecare.storage.blob.BlobStore;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * WADO-URI (PS3.18 §9): {@code GET /api/v1/dicomweb/wado?requestType=WADO&studyUID=…&seriesUID=…
 * &objectUID=…&contentType=application/dicom}, the stored Part 10 file as it is. Rendered
 * answers ({@code image/jpeg}, the default for images in §9.1.2.1, {@code image/png},
 * {@code text/html} …) come from the pixel pipeline's {@code /rendered} resources and are 406
 * here. Without {@code transferSyntax} the object goes out in the syntax it is stored in (PS3.18
 * defaults to Explicit VR Little Endian, which for compressed objects would need transcoding);
 * a {@code transferSyntax} other than the stored one is 406 until transcoding exists.
 */
public final class WadoUriRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(WadoUriRoutes.class);
    private static final Set<String> RENDERING = Set.of("rows", "columns", "region", "windowcenter", "windowwidth",
            "framenumber", "imagequality", "presentationuid", "presentationseriesuid", "annotation");

    private final InstanceCatalog catalog;
    private final BlobStore blobs;
    private final StudyAccess access;

    public WadoUriRoutes(InstanceCatalog catalog, BlobStore blobs, StudyAccess access) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.access = access;
    }

    public void mount(Router api, AccessGuard guard) {
        api.get("/dicomweb/wado").handler(guard.authenticated()).handler(this::retrieve);
    }

    private void retrieve(RoutingContext ctx) {
        MultiMap q = ctx.queryParams();
        if (!"WADO".equals(q.get("requestType"))) {
            throw DicomWebErrors.badQuery("requestType must be WADO (PS3.18 §9.1.2.1.1)");
        }
        String study = uid(q, "studyUID");
        String series = uid(q, "seriesUID");
        String object = uid(q, "objectUID");
        List<String> types = List.of(Optional.ofNullable(q.get("contentType")).orElse("image/jpeg").split(","));
        boolean dicom = types.stream().map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .anyMatch(t -> t.equals("application/dicom") || t.equals("*/*"));
        if (!dicom) {
            throw DicomWebErrors.notAcceptable("contentType " + String.join(",", types) + " is a rendered image; "
                    + "rendering comes from the pixel pipeline's /rendered resources, here only application/dicom");
        }
        for (String p : q.names()) {
            if (RENDERING.contains(p.toLowerCase(Locale.ROOT))) {
                throw DicomWebErrors.badQuery(p + " applies to rendered images, not to application/dicom (PS3.18 §9.1.2.2)");
            }
        }
        if ("yes".equalsIgnoreCase(q.get("anonymize"))) {
            throw DicomWebErrors.notAcceptable("anonymize=yes is not supported");
        }
        Optional<String> syntax = Optional.ofNullable(q.get("transferSyntax")).map(String::strip);
        access.check(ctx, study, DataAction.READ, "instance", object)
                .compose(f -> catalog.instances(study, Optional.of(series), Optional.of(object)))
                .onSuccess(list -> {
                    if (list.isEmpty()) {
                        ctx.fail(DicomWebErrors.notFound("instance " + object));
                        return;
                    }
                    StoredInstance i = list.getFirst();
                    if (syntax.isPresent() && !syntax.get().equals(i.transferSyntaxUid())) {
                        ctx.fail(DicomWebErrors.notAcceptable("instance " + object + " is stored in "
                                + i.transferSyntaxUid() + "; " + syntax.get() + " would need transcoding, not built yet"));
                        return;
                    }
                    HttpServerResponse response = ctx.response();
                    response.putHeader("Content-Type", "application/dicom")
                            .putHeader("Content-Length", Long.toString(i.size()));
                    BlobStreamer.copy(blobs, i.blob(), 0, i.size(), response).onComplete(r -> {
                        if (r.succeeded()) {
                            response.end();
                        } else {
                            LOG.warn("WADO-URI answer cut short: {}", r.cause().toString());
                            response.reset();
                        }
                    });
                })
                .onFailure(ctx::fail);
    }

    private static String uid(MultiMap q, String name) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            throw DicomWebErrors.badQuery(name + " is required (PS3.18 §9.1.2.1)");
        }
        if (!Uid.isValid(v.strip())) {
            throw DicomWebErrors.badUid(name, v.length() > 80 ? v.substring(0, 80) + "…" : v);
        }
        return v.strip();
    }
}
