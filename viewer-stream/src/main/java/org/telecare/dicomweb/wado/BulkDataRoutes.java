package org.telecare.dicomweb.wado;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Element;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Sequence;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.data.Value;
import org.telecare.dicomweb.DicomWebErrors;
import org.telecare.dicomweb.multipart.MultipartWriter;
import org.telecare.web.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WADO-RS bulk data (PS3.18 §10.4.1.1.5) at the BulkDataURIs the stored metadata carries:
 * {@code …/instances/{uid}/bulk/{tag}[/{tag}…]}, the tag path from the top-level attribute down
 * through sequences. Answered as {@code multipart/related; type="application/octet-stream"}
 * (the default), or as a single {@code application/octet-stream} body when the client asks only
 * for that, which then honours one {@code Range} (RFC 9110 §14). Encapsulated Pixel Data is
 * answered frame by frame as the frames resource would.
 *
 * <p>The URIs carry no item numbers, so an attribute inside a sequence with several items that
 * all hold it cannot be told apart: that is 409 with a message, never one of them at random.
 */
final class BulkDataRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(BulkDataRoutes.class);
    private static final Pattern TAG = Pattern.compile("[0-9A-Fa-f]{8}");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final LayoutReader layouts;

    BulkDataRoutes(LayoutReader layouts) {
        this.layouts = layouts;
    }

    void bulk(RoutingContext ctx) {
        List<Integer> path = tagPath(ctx.pathParam("*"));
        layouts.open(ctx).onSuccess(layout -> {
            try {
                Value v = find(layout.dataset(), path);
                if (v instanceof Fragments) {
                    FrameRoutes.send(ctx, layout, List.of());
                    return;
                }
                send(ctx, layout, v);
            } catch (RuntimeException e) {
                layout.close();
                ctx.fail(e);
            }
        }).onFailure(ctx::fail);
    }

    static List<Integer> tagPath(String rest) {
        List<Integer> out = new ArrayList<>();
        for (String s : (rest == null ? "" : rest).split("/")) {
            if (!TAG.matcher(s).matches()) {
                throw DicomWebErrors.badQuery("bulk data: '" + s + "' is not a tag of eight hex digits");
            }
            out.add(Integer.parseUnsignedInt(s, 16));
        }
        return out;
    }

    private static Value find(Attributes ds, List<Integer> path) {
        List<Element> found = new ArrayList<>();
        collect(ds, path, 0, found);
        String where = path.stream().map(t -> String.format(Locale.ROOT, "%08X", t)).toList().toString();
        if (found.isEmpty()) {
            throw DicomWebErrors.notFound("bulk data " + where);
        }
        if (found.size() > 1) {
            throw new ApiException(409, DicomWebErrors.CONFLICT, "bulk data " + where + " is held by " + found.size()
                    + " sequence items, which the URI cannot tell apart");
        }
        Element e = found.getFirst();
        if (e.value() instanceof Sequence || !isBinary(e.vr())) {
            throw DicomWebErrors.notFound("bulk data " + where + " (a " + e.vr() + " value is never bulk data)");
        }
        return e.value();
    }

    /** The VRs whose values the metadata may leave out as bulk data (PS3.18 §F.2.6, besides pixel data). */
    private static boolean isBinary(VR vr) {
        return switch (vr) {
            case OB, OD, OF, OL, OV, OW, UN -> true;
            default -> false;
        };
    }

    private static void collect(Attributes ds, List<Integer> path, int depth, List<Element> out) {
        Element e = ds.get(path.get(depth));
        if (e == null) {
            return;
        }
        if (depth == path.size() - 1) {
            out.add(e);
        } else if (e.value() instanceof Sequence seq) {
            seq.forEach(item -> collect(item, path, depth + 1, out));
        }
    }

    private static void send(RoutingContext ctx, StoredLayout layout, Value v) {
        long length = StoredLayout.length(v);
        if (length < 0) {
            throw DicomWebErrors.notFound("bulk data (no binary value)");
        }
        HttpServerResponse response = ctx.response();
        if (!singlePart(ctx.request().getHeader("Accept"))) {
            MultipartWriter parts = new MultipartWriter();
            response.setChunked(true).putHeader("Content-Type", parts.contentType("application/octet-stream"));
            response.write(parts.partStart("application/octet-stream", Map.of()));
            layout.copy(ctx.vertx(), v, 0, length, response).onComplete(r -> finish(response, layout, r.succeeded()
                    ? null : r.cause(), parts));
            return;
        }
        long from = 0;
        long to = length - 1;
        String range = ctx.request().getHeader("Range");
        Matcher m = range == null ? null : RANGE.matcher(range.strip());
        if (m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
            if (m.group(1).isEmpty()) {
                from = Math.max(0, length - Long.parseLong(m.group(2)));
            } else {
                from = Long.parseLong(m.group(1));
                to = m.group(2).isEmpty() ? length - 1 : Math.min(length - 1, Long.parseLong(m.group(2)));
            }
            if (from >= length || from > to) {
                response.putHeader("Content-Range", "bytes */" + length);
                throw DicomWebErrors.rangeNotSatisfiable("range " + range + " outside the value's " + length + " bytes");
            }
            response.setStatusCode(206).putHeader("Content-Range", "bytes " + from + "-" + to + "/" + length);
        }
        response.putHeader("Content-Type", "application/octet-stream").putHeader("Accept-Ranges", "bytes")
                .putHeader("Content-Length", Long.toString(to - from + 1));
        layout.copy(ctx.vertx(), v, from, to - from + 1, response)
                .onComplete(r -> finish(response, layout, r.succeeded() ? null : r.cause(), null));
    }

    private static void finish(HttpServerResponse response, StoredLayout layout, Throwable failure, MultipartWriter parts) {
        layout.close();
        if (failure != null) {
            LOG.warn("bulk data answer cut short: {}", failure.toString());
            response.reset();
        } else if (parts != null) {
            response.end(parts.close());
        } else {
            response.end();
        }
    }

    /** Single part only when {@code application/octet-stream} is asked for and no multipart is. */
    private static boolean singlePart(String accept) {
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains("application/octet-stream") && !a.contains("multipart/");
    }

}
