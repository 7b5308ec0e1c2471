package org.telecare.dicomweb.wado;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.data.Value;
import org.telecare.dicom.io.Dcmtk;
import org.telecare.dicom.io.DicomReader;
import org.telecare.dicom.io.ReadOptions;
import org.telecare.dicom.io.TransferSyntax;
import org.telecare.dicomweb.DicomWebNode;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telecare.dicomweb.DicomWebNode.image;
import static org.telecare.dicomweb.DicomWebNode.parts;

/**
 * WADO-RS frames and bulk data from objects stored through the archive: native frames cut from
 * the pixel data, compressed frames (DCMTK's JPEG and RLE encoders) as their fragments, the bulk
 * data URIs of the stored metadata answered, Accept negotiation without transcoding (PS3.18
 * §10.4.1.1.4, §10.4.1.1.5, §8.7.3).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FramesAndBulkDataTest {
    static final String STUDY = "2.25.990";
    static final String SERIES = "2.25.990.1";
    static final String BASE = "/dicomweb/studies/" + STUDY + "/series/" + SERIES + "/instances/";
    static final int FRAME = 32 * 32 * 2;
    DicomWebNode node;
    byte[] nativePixels;
    byte[] privateBlob;
    final List<List<byte[]>> compressedFrames = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        node = new DicomWebNode();
        Attributes multi = frames("2.25.990.1.1", 16, 32, 3);
        nativePixels = multi.getBytes(Tag.PIXEL_DATA).orElseThrow();
        privateBlob = new byte[3000];
        new Random(3).nextBytes(privateBlob);
        multi.putBytes(0x00091010, VR.OB, privateBlob);
        node.stow("store-a", node.part10(multi));

        // 8-bit frames compressed by DCMTK: JPEG baseline and RLE, each with a Basic Offset Table.
        Path eight = node.write(frames("2.25.990.1.2", 8, 64, 3), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Path jpeg = node.dir.resolve("jpeg.dcm");
        Dcmtk.Result j = Dcmtk.run("dcmcjpeg", "+eb", "+un", eight.toString(), jpeg.toString());
        assertThat(j.exitCode()).as(j.stderr()).isZero();
        Attributes rleSource = frames("2.25.990.1.3", 8, 64, 3);
        Path rleIn = node.write(rleSource, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Path rle = node.dir.resolve("rle.dcm");
        Dcmtk.Result r = Dcmtk.run("dcmcrle", rleIn.toString(), rle.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        for (Path p : List.of(jpeg, rle)) {
            Fragments f = (Fragments) DicomReader.readFile(p, ReadOptions.DEFAULT).dataset().get(Tag.PIXEL_DATA).value();
            List<byte[]> each = new ArrayList<>();
            for (List<Value> frame : f.frames(3)) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                frame.forEach(v -> b.writeBytes(((org.telecare.dicom.data.ByteValue) v).bytes()));
                each.add(b.toByteArray());
            }
            compressedFrames.add(each);
        }
        node.stow("store-a", Files.readAllBytes(jpeg), Files.readAllBytes(rle));

        // Deflated: the values cannot be cut from the blob in place, so they are spilled and served from there.
        node.stow("store-a", Files.readAllBytes(node.write(frames("2.25.990.1.5", 16, 32, 3),
                TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)));
    }

    /** Multi-frame ultrasound of {@code bits} per pixel, {@code size}², frames distinct byte patterns. */
    static Attributes frames(String sop, int bits, int size, int count) {
        Attributes ds = image("PID-F", "Frame^Test", STUDY, SERIES, sop);
        ds.putString(Tag.SOP_CLASS_UID, VR.UI, "1.2.840.10008.5.1.4.1.1.3.1");
        ds.putInts(Tag.ROWS, VR.US, size);
        ds.putInts(Tag.COLUMNS, VR.US, size);
        ds.putInts(Tag.BITS_ALLOCATED, VR.US, bits);
        ds.putInts(Tag.BITS_STORED, VR.US, bits);
        ds.putInts(Tag.HIGH_BIT, VR.US, bits - 1);
        ds.putString(Tag.NUMBER_OF_FRAMES, VR.IS, Integer.toString(count));
        ds.remove(0x00283006);
        byte[] pixels = new byte[size * size * (bits / 8) * count];
        Random random = new Random(sop.hashCode());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (bits == 8 ? (i % size) * 3 + (i / (size * size)) * 40 : random.nextInt());
        }
        ds.putBytes(Tag.PIXEL_DATA, bits == 8 ? VR.OB : VR.OW, pixels);
        return ds;
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    @Test
    void nativeFramesAreCutFromThePixelData() throws Exception {
        List<String> types = new ArrayList<>();
        HttpResponse<byte[]> r = node.get(BASE + "2.25.990.1.1/frames/2", "doctor-a");
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(parts(r, types)).singleElement().isEqualTo(Arrays.copyOfRange(nativePixels, FRAME, 2 * FRAME));
        assertThat(types).containsExactly("application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1");

        List<byte[]> two = parts(node.get(BASE + "2.25.990.1.1/frames/3,1", "doctor-a",
                "Accept", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*"), new ArrayList<>());
        assertThat(two).hasSize(2);
        assertThat(two.get(0)).isEqualTo(Arrays.copyOfRange(nativePixels, 2 * FRAME, 3 * FRAME));
        assertThat(two.get(1)).isEqualTo(Arrays.copyOfRange(nativePixels, 0, FRAME));
    }

    @Test
    void framesOfADeflatedObjectComeFromItsInflatedPixelData() throws Exception {
        byte[] pixels = frames("2.25.990.1.5", 16, 32, 3).getBytes(Tag.PIXEL_DATA).orElseThrow();
        List<byte[]> got = parts(node.get(BASE + "2.25.990.1.5/frames/2,3", "doctor-a"), new ArrayList<>());
        assertThat(got.get(0)).isEqualTo(Arrays.copyOfRange(pixels, FRAME, 2 * FRAME));
        assertThat(got.get(1)).isEqualTo(Arrays.copyOfRange(pixels, 2 * FRAME, 3 * FRAME));

        // The layout behind it spills into the given directory and removes what it spilled when closed.
        Path f = node.write(frames("2.25.990.1.6", 16, 32, 3), TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        var blob = DicomWebNode.await(node.storage.blobs().putFile(f));
        var instance = new org.telecare.archive.catalog.StoredInstance(STUDY, SERIES, "2.25.990.1.6",
                "1.2.840.10008.5.1.4.1.1.3.1", TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid(), blob.id(),
                blob.size(), -1);
        Path spill = Files.createDirectories(node.dir.resolve("spill"));
        StoredLayout layout = node.vertx.executeBlocking(() -> StoredLayout.read(node.storage.blobs(), instance, spill), false)
                .toCompletionStage().toCompletableFuture().get();
        try (var files = Files.list(spill)) {
            assertThat(files.count()).isPositive();
        }
        layout.close();
        try (var files = Files.list(spill)) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void compressedFramesAreTheirFragmentsInTheirMediaType() throws Exception {
        List<String> types = new ArrayList<>();
        HttpResponse<byte[]> jpeg = node.get(BASE + "2.25.990.1.2/frames/1,3", "doctor-a");
        assertThat(jpeg.statusCode()).isEqualTo(200);
        List<byte[]> frames = parts(jpeg, types);
        assertThat(frames.get(0)).isEqualTo(compressedFrames.get(0).get(0));
        assertThat(frames.get(1)).isEqualTo(compressedFrames.get(0).get(2));
        assertThat(frames.get(0)[0] & 0xFF).isEqualTo(0xFF);
        assertThat(frames.get(0)[1] & 0xFF).as("SOI").isEqualTo(0xD8);
        assertThat(types).allMatch(t -> t.equals("image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50"));
        assertThat(ContentTypeOf(jpeg)).contains("type=\"image/jpeg\"");

        types.clear();
        List<byte[]> rle = parts(node.get(BASE + "2.25.990.1.3/frames/2", "doctor-a",
                "Accept", "multipart/related; type=\"image/dicom-rle\"; transfer-syntax=*"), types);
        assertThat(rle).singleElement().isEqualTo(compressedFrames.get(1).get(1));
        assertThat(types).containsExactly("image/dicom-rle; transfer-syntax=1.2.840.10008.1.2.5");
    }

    static String ContentTypeOf(HttpResponse<byte[]> r) {
        return r.headers().firstValue("content-type").orElseThrow();
    }

    @Test
    void framesThatWouldNeedTranscodingAre406() throws Exception {
        assertThat(node.get(BASE + "2.25.990.1.1/frames/1", "doctor-a", "Accept",
                "multipart/related; type=\"image/jpeg\"").statusCode()).isEqualTo(406);
        HttpResponse<byte[]> decompress = node.get(BASE + "2.25.990.1.2/frames/1", "doctor-a", "Accept",
                "multipart/related; type=\"application/octet-stream\"");
        assertThat(decompress.statusCode()).isEqualTo(406);
        assertThat(new String(decompress.body())).contains("transcoding");
        assertThat(node.get(BASE + "2.25.990.1.2/frames/1", "doctor-a", "Accept",
                "multipart/related; type=\"image/jpeg\"; transfer-syntax=1.2.840.10008.1.2.4.50").statusCode()).isEqualTo(200);
    }

    @Test
    void badFrameListsAre400AndMissingFrames404() throws Exception {
        assertThat(node.get(BASE + "2.25.990.1.1/frames/4", "doctor-a").statusCode()).isEqualTo(404);
        assertThat(node.get(BASE + "2.25.990.1.1/frames/1,9", "doctor-a").statusCode()).isEqualTo(404);
        assertThat(node.get(BASE + "2.25.990.1.1/frames/0", "doctor-a").statusCode()).isEqualTo(400);
        assertThat(node.get(BASE + "2.25.990.1.1/frames/one", "doctor-a").statusCode()).isEqualTo(400);
        assertThat(node.get(BASE + "2.25.990.1.1/frames/1,,2", "doctor-a").statusCode()).isEqualTo(400);
        assertThat(node.get(BASE + "2.25.990.1.9/frames/1", "doctor-a").statusCode()).isEqualTo(404);
        assertThat(node.get(BASE + "2.25.990.1.1/frames/1", "doctor-b").statusCode()).isEqualTo(403);
    }

    @Test
    void theBulkDataUrisOfTheMetadataAreServed() throws Exception {
        HttpResponse<byte[]> meta = node.get(BASE + "2.25.990.1.1/metadata", "doctor-a");
        JsonObject m = new JsonArray(Buffer.buffer(meta.body())).getJsonObject(0);
        String pixelUri = m.getJsonObject("7FE00010").getString("BulkDataURI");
        String privateUri = m.getJsonObject("00091010").getString("BulkDataURI");
        assertThat(pixelUri).endsWith("/instances/2.25.990.1.1/bulk/7FE00010");

        assertThat(parts(node.get(pixelUri, "doctor-a"), new ArrayList<>())).singleElement().isEqualTo(nativePixels);
        assertThat(parts(node.get(privateUri, "doctor-a"), new ArrayList<>())).singleElement().isEqualTo(privateBlob);

        HttpResponse<byte[]> range = node.get(privateUri, "doctor-a", "Accept", "application/octet-stream",
                "Range", "bytes=100-199");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("content-range")).contains("bytes 100-199/3000");
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(privateBlob, 100, 200));
        HttpResponse<byte[]> whole = node.get(privateUri, "doctor-a", "Accept", "application/octet-stream");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(privateBlob);
        assertThat(node.get(privateUri, "doctor-a", "Accept", "application/octet-stream", "Range", "bytes=5000-")
                .statusCode()).isEqualTo(416);

        // Encapsulated Pixel Data as bulk data: its frames.
        String jpegPixels = new JsonArray(Buffer.buffer(node.get(BASE + "2.25.990.1.2/metadata", "doctor-a").body()))
                .getJsonObject(0).getJsonObject("7FE00010").getString("BulkDataURI");
        List<byte[]> frames = parts(node.get(jpegPixels, "doctor-a"), new ArrayList<>());
        assertThat(frames).hasSize(3);
        assertThat(frames.get(2)).isEqualTo(compressedFrames.get(0).get(2));

        assertThat(node.get(BASE + "2.25.990.1.1/bulk/00101010", "doctor-a").statusCode()).isEqualTo(404);
        assertThat(node.get(BASE + "2.25.990.1.1/bulk/nothex", "doctor-a").statusCode()).isEqualTo(400);
        assertThat(node.get(pixelUri, "doctor-b").statusCode()).isEqualTo(403);
    }

    @Test
    void layingOutALargeMultiframeReadsItsHeaderNotItsFrames() throws Exception {
        Attributes big = frames("2.25.990.1.4", 16, 512, 10); // 5 MiB of pixel data
        Path f = node.write(big, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        var blob = DicomWebNode.await(node.storage.blobs().putFile(f));
        long[] read = {0};
        org.telecare.storage.blob.BlobStore counting = (org.telecare.storage.blob.BlobStore) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {org.telecare.storage.blob.BlobStore.class},
                        (proxy, method, args) -> {
                            if (!method.getName().equals("readRange")) {
                                throw new AssertionError("only range reads, not " + method.getName());
                            }
                            read[0] += (Integer) args[2];
                            return method.invoke(node.storage.blobs(), args);
                        });
        var instance = new org.telecare.archive.catalog.StoredInstance(STUDY, SERIES, "2.25.990.1.4",
                "1.2.840.10008.5.1.4.1.1.3.1", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), blob.id(), blob.size(), -1);
        try (StoredLayout layout = node.vertx.executeBlocking(() -> StoredLayout.read(counting, instance, null), false)
                .toCompletionStage().toCompletableFuture().get()) {
            assertThat(StoredLayout.length(layout.dataset().get(Tag.PIXEL_DATA).value())).isEqualTo(10L * 512 * 512 * 2);
        }
        assertThat(read[0]).as("bytes read to lay out a %d-byte object", blob.size())
                .isLessThanOrEqualTo(2L * BlobInputStream.BLOCK);
    }
}
