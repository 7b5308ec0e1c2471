package org.telecare.dicomweb.wado;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Element;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.Value;
import org.telecare.dicomweb.DicomWebErrors;
import org.telecare.dicomweb.multipart.ContentType;
import org.telecare.dicomweb.multipart.MultipartException;
import org.telecare.dicomweb.multipart.MultipartWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * WADO-RS frames (PS3.18 §10.4.1.1.4): {@code …/instances/{uid}/frames/{list}} as
 * {@code multipart/related}, one part per frame in the order asked. Native frames are cut from
 * the pixel data by range reads of the blob (never the whole object); compressed frames are
 * their fragments as stored, in their bitstream's media type (§8.7.3.3.2). Frames go out in the
 * syntax they are stored in: an {@code Accept} that needs another is 406 until transcoding exists.
 * A malformed frame list is 400; a frame number past the instance's Number of Frames is 404
 * (the resource it names does not exist).
 */
final class FrameRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(FrameRoutes.class);
    private static final int MAX_FRAMES_PER_REQUEST = 10_000;

    private final LayoutReader layouts;

    FrameRoutes(LayoutReader layouts) {
        this.layouts = layouts;
    }

    void frames(RoutingContext ctx) {
        List<Integer> wanted = frameList(ctx.pathParam("frames"));
        layouts.open(ctx).onSuccess(layout -> {
            try {
                send(ctx, layout, wanted);
            } catch (RuntimeException e) {
                layout.close();
                ctx.fail(e);
            }
        }).onFailure(ctx::fail);
    }

    /** Sends the frames; also the encapsulated Pixel Data as bulk data (all frames). Closes the layout. */
    static void send(RoutingContext ctx, StoredLayout layout, List<Integer> wanted) {
        Attributes ds = layout.dataset();
        String uid = layout.instance().sopInstanceUid();
        Element pixels = pixelData(ds);
        if (pixels == null) {
            throw DicomWebErrors.notFound("frames: instance " + uid + " has no pixel data");
        }
        FrameMediaType media = FrameMediaType.of(layout.instance().transferSyntaxUid()).orElseThrow(() ->
                DicomWebErrors.notAcceptable("instance " + uid + " is stored as video (" + layout.instance()
                        .transferSyntaxUid() + "), which has no frames to cut out"));
        acceptable(ctx.request().getHeader("Accept"), media, layout.instance().transferSyntaxUid());
        int count = Math.max(1, ds.getInt(Tag.NUMBER_OF_FRAMES, 1));
        List<Integer> frames = wanted.isEmpty() ? range(count) : wanted;
        for (int f : frames) {
            if (f > count) {
                throw DicomWebErrors.notFound("frame " + f + " (instance " + uid + " has " + count + " frame"
                        + (count == 1 ? "" : "s") + ")");
            }
        }
        List<Piece> pieces = new ArrayList<>();
        if (pixels.value() instanceof Fragments fragments) {
            ctx.vertx().executeBlocking(() -> layout.frames(fragments, count), false)
                    .onSuccess(byFrame -> {
                        for (int f : frames) {
                            List<Value> parts = byFrame.get(f - 1);
                            pieces.add(new Piece(true, parts.getFirst(), 0, StoredLayout.length(parts.getFirst())));
                            for (Value v : parts.subList(1, parts.size())) {
                                pieces.add(new Piece(false, v, 0, StoredLayout.length(v)));
                            }
                        }
                        stream(ctx, layout, media, pieces);
                    })
                    .onFailure(e -> {
                        layout.close();
                        ctx.fail(e instanceof IllegalArgumentException ? DicomWebErrors.notAcceptable("the frames of "
                                + uid + " cannot be told apart: " + e.getMessage()) : e);
                    });
            return;
        }
        long frameBytes = nativeFrameBytes(ds, uid);
        long available = StoredLayout.length(pixels.value());
        if (available < frameBytes * count) {
            throw DicomWebErrors.notAcceptable("the pixel data of " + uid + " holds " + available + " bytes, fewer than "
                    + count + " frames of " + frameBytes);
        }
        for (int f : frames) {
            pieces.add(new Piece(true, pixels.value(), (f - 1) * frameBytes, frameBytes));
        }
        stream(ctx, layout, media, pieces);
    }

    /** One run of bytes of a frame; {@code starts} marks the first of a frame's parts. */
    private record Piece(boolean starts, Value value, long offset, long length) {
    }

    private static void stream(RoutingContext ctx, StoredLayout layout, FrameMediaType media, List<Piece> pieces) {
        HttpServerResponse response = ctx.response();
        MultipartWriter parts = new MultipartWriter();
        response.setChunked(true).putHeader("Content-Type", parts.contentType(media.type()));
        Future<Void> chain = Future.succeededFuture();
        for (Piece p : pieces) {
            chain = chain.compose(v -> {
                if (p.starts()) {
                    response.write(parts.partStart(media.header(), Map.of()));
                }
                return layout.copy(ctx.vertx(), p.value(), p.offset(), p.length(), response);
            });
        }
        chain.onComplete(r -> {
            layout.close();
            if (r.succeeded()) {
                response.end(parts.close());
            } else {
                LOG.warn("frames answer cut short: {}", r.cause().toString());
                response.reset();
            }
        });
    }

    static Element pixelData(Attributes ds) {
        for (int tag : new int[] {Tag.PIXEL_DATA, 0x7FE00008, 0x7FE00009}) {
            Element e = ds.get(tag);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    /** Rows × Columns × Samples per Pixel × Bits Allocated / 8 (PS3.5 §8.1.1); 1-bit frames must end on a byte. */
    private static long nativeFrameBytes(Attributes ds, String uid) {
        long rows = ds.getInt(Tag.ROWS, 0);
        long columns = ds.getInt(Tag.COLUMNS, 0);
        long samples = ds.getInt(0x00280002, 1);
        long bits = ds.getInt(0x00280100, 0);
        long frameBits = rows * columns * samples * bits;
        if (frameBits <= 0) {
            throw DicomWebErrors.notAcceptable("instance " + uid + " lacks Rows, Columns or Bits Allocated");
        }
        if (frameBits % 8 != 0) {
            throw DicomWebErrors.notAcceptable("the 1-bit frames of " + uid + " do not start on byte boundaries; "
                    + "cutting them needs unpacking, which is not built");
        }
        return frameBits / 8;
    }

    /** "1,3,5" (PS3.18 §8.3.3.1: frame numbers from 1, comma separated). */
    static List<Integer> frameList(String list) {
        List<Integer> out = new ArrayList<>();
        if (list == null || list.isBlank()) {
            throw DicomWebErrors.badQuery("frames: an empty frame list");
        }
        for (String s : list.split(",", -1)) {
            try {
                int n = Integer.parseInt(s.strip());
                if (n < 1) {
                    throw DicomWebErrors.badQuery("frames: frame numbers start at 1, got " + n);
                }
                out.add(n);
            } catch (NumberFormatException e) {
                throw DicomWebErrors.badQuery("frames: '" + s + "' is not a frame number");
            }
        }
        if (out.size() > MAX_FRAMES_PER_REQUEST) {
            throw DicomWebErrors.badQuery("frames: at most " + MAX_FRAMES_PER_REQUEST + " frames per request");
        }
        return out;
    }

    private static List<Integer> range(int count) {
        List<Integer> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            out.add(i);
        }
        return out;
    }

    /**
     * Whether {@code Accept} lets the frames go out as stored: absent, a wildcard, or a
     * {@code multipart/related} whose {@code type} is the stored media type with
     * {@code transfer-syntax} absent, {@code *} or the stored one (PS3.18 §8.7.3.5).
     */
    static void acceptable(String accept, FrameMediaType media, String storedSyntax) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        List<String> asked = new ArrayList<>();
        for (String range : accept.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            ContentType t;
            try {
                t = ContentType.parse(range);
            } catch (MultipartException e) {
                continue;
            }
            if (t.type().equals("*/*") || t.type().equals("multipart/*")) {
                return;
            }
            if (!t.type().equals("multipart/related")) {
                asked.add(t.type());
                continue;
            }
            String type = t.parameter("type").orElse(media.type()).toLowerCase(java.util.Locale.ROOT);
            String ts = t.parameter("transfer-syntax").orElse("*");
            boolean sameType = type.equals(media.type()) || type.equals("*/*")
                    || (type.equals("application/octet-stream") && media.isNative());
            boolean sameSyntax = ts.equals("*") || ts.equals(media.transferSyntaxUid()) || ts.equals(storedSyntax)
                    || (media.isNative() && ts.equals("1.2.840.10008.1.2"));
            if (sameType && sameSyntax) {
                return;
            }
            asked.add(type + (ts.equals("*") ? "" : " in " + ts));
        }
        throw DicomWebErrors.notAcceptable("the frames are stored as " + media.header() + "; " + asked
                + " would need transcoding, which is not built yet (ask with transfer-syntax=*)");
    }

}
