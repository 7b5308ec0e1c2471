package org.telecare.pixel;

import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Fragments;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.Dcmtk;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.TransferSyntax;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Compresses test images with the real tools: DCMTK (JPEG, RLE, JPEG-LS) and OpenJPEG (JPEG 2000). */
public final class Codecs {
    private Codecs() {
    }

    /** Runs a DCMTK converter, e.g. {@code dcmcjpeg +e1}, from {@code in} to {@code out}. */
    public static Path dcmtk(Path in, Path out, String tool, String... options) throws IOException, InterruptedException {
        String[] args = new String[options.length + 2];
        System.arraycopy(options, 0, args, 0, options.length);
        args[options.length] = in.toString();
        args[options.length + 1] = out.toString();
        Dcmtk.Result r = Dcmtk.run(tool, args);
        assertThat(r.exitCode()).as(tool + " " + String.join(" ", options) + ": " + r.stderr() + r.stdout()).isZero();
        return out;
    }

    /**
     * JPEG 2000 with opj_compress from the image's raw samples (little endian, component after
     * component), wrapped as one fragment after an empty Basic Offset Table (PS3.5 §A.4.4).
     * Lossy ({@code -I}, irreversible 9/7 wavelet) at rate 8 when not lossless.
     */
    public static Path jpeg2000(Attributes original, Path dir, String name, boolean lossless) throws Exception {
        ImagePixel p = ImagePixel.of(original);
        byte[] pixels = original.getBytes(Tag.PIXEL_DATA).orElseThrow();
        int bytes = p.bitsAllocated() / 8;
        int n = p.pixelsPerFrame();
        ByteBuffer raw = ByteBuffer.allocate(n * p.samplesPerPixel() * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < p.samplesPerPixel(); c++) {
            for (int i = 0; i < n; i++) {
                int at = (i * p.samplesPerPixel() + c) * bytes;
                raw.put(pixels[at]);
                if (bytes == 2) {
                    raw.put(pixels[at + 1]);
                }
            }
        }
        Path rawFile = dir.resolve(name + ".rawl");
        Files.write(rawFile, raw.array());
        Path j2k = dir.resolve(name + ".j2k");
        String format = p.columns() + "," + p.rows() + "," + p.samplesPerPixel() + "," + p.bitsStored() + "," + (p.signed() ? "s" : "u");
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("opj_compress", "-i", rawFile.toString(),
                "-o", j2k.toString(), "-F", format));
        if (!lossless) {
            cmd.addAll(java.util.List.of("-I", "-r", "8"));
        }
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes());
        if (!proc.waitFor(60, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            fail("opj_compress did not finish");
        }
        assertThat(proc.exitValue()).as("opj_compress (apt-get install libopenjp2-tools): " + out).isZero();
        byte[] codestream = Files.readAllBytes(j2k);
        if (codestream.length % 2 != 0) {
            codestream = java.util.Arrays.copyOf(codestream, codestream.length + 1);
        }
        Attributes ds = original.copy();
        ds.put(Tag.PIXEL_DATA, VR.OB, new Fragments().add(codestream));
        if (p.samplesPerPixel() == 3) {
            // opj_compress applies its multiple component transform to three components (PS3.5 §8.2.4).
            ds.putString(0x00280004, VR.CS, lossless ? "YBR_RCT" : "YBR_ICT");
        }
        TransferSyntax ts = lossless ? TransferSyntax.JPEG_2000_LOSSLESS : TransferSyntax.JPEG_2000;
        if (!lossless) {
            ds.putString(0x00282110, VR.CS, "01");
        }
        Path file = dir.resolve(name + ".dcm");
        DicomWriter.writeFile(file, FileMetaInfo.forDataset(ds, ts), ds);
        return file;
    }
}
