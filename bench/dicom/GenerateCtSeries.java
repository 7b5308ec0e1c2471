import org.telecare.dicom.data.Attributes;
import org.telecare.dicom.data.Tag;
import org.telecare.dicom.data.Uid;
import org.telecare.dicom.data.VR;
import org.telecare.dicom.io.DicomWriter;
import org.telecare.dicom.io.FileMetaInfo;
import org.telecare.dicom.io.TransferSyntax;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a synthetic CT series for bench/dicom with the project's codec: 512×512 (or --size),
 * 16-bit signed, rescale intercept −1024, a body phantom (soft tissue, fat ring, lungs, spine,
 * a contrast-filled aorta, a liver-like region and a few spheres that grow and shrink along z) with
 * Gaussian noise, so that uncompressed sizes and content are those of a real CT slice.
 *
 * <p>Several sets can be written in one go ({@code --set name:count}); each set is its own study
 * and series (own UIDs), all of one patient, with identical pixel data slice for slice, so that
 * every ingest run of the benchmark sends new objects of the same size and content.
 *
 * <pre>java -cp viewer-stream.jar GenerateCtSeries.java --out DIR --slices N --patient-id ID --set a:N --set b:20</pre>
 *
 * Prints one line per set: {@code name studyUID seriesUID count bytes}.
 */
public final class GenerateCtSeries {
    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    // Tags the codec has no constant for (PS3.6 data dictionary).
    private static final int IMAGE_TYPE = 0x00080008;
    private static final int SERIES_DATE = 0x00080021;
    private static final int CONTENT_DATE = 0x00080023;
    private static final int STUDY_TIME = 0x00080030;
    private static final int SERIES_TIME = 0x00080031;
    private static final int CONTENT_TIME = 0x00080033;
    private static final int MANUFACTURER = 0x00080070;
    private static final int INSTITUTION_NAME = 0x00080080;
    private static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
    private static final int STUDY_DESCRIPTION = 0x00081030;
    private static final int SERIES_DESCRIPTION = 0x0008103E;
    private static final int PATIENT_BIRTH_DATE = 0x00100030;
    private static final int PATIENT_SEX = 0x00100040;
    private static final int BODY_PART_EXAMINED = 0x00180015;
    private static final int SLICE_THICKNESS = 0x00180050;
    private static final int KVP = 0x00180060;
    private static final int PATIENT_POSITION = 0x00185100;
    private static final int STUDY_ID = 0x00200010;
    private static final int SERIES_NUMBER = 0x00200011;
    private static final int INSTANCE_NUMBER = 0x00200013;
    private static final int IMAGE_POSITION_PATIENT = 0x00200032;
    private static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    private static final int FRAME_OF_REFERENCE_UID = 0x00200052;
    private static final int POSITION_REFERENCE_INDICATOR = 0x00201040;
    private static final int SLICE_LOCATION = 0x00201041;
    private static final int PIXEL_SPACING = 0x00280030;
    private static final int WINDOW_CENTER = 0x00281050;
    private static final int WINDOW_WIDTH = 0x00281051;
    private static final int RESCALE_INTERCEPT = 0x00281052;
    private static final int RESCALE_SLOPE = 0x00281053;
    private static final int RESCALE_TYPE = 0x00281054;

    private record Set(String name, int count, String studyUid, String seriesUid, String accession, Path dir) {
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        int slices = 500;
        int size = 512;
        String patientId = "BENCH-0001";
        List<String[]> setArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--out" -> out = Path.of(v);
                case "--slices" -> slices = Integer.parseInt(v);
                case "--size" -> size = Integer.parseInt(v);
                case "--patient-id" -> patientId = v;
                case "--set" -> setArgs.add(v.split(":", 2));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (out == null || setArgs.isEmpty() || slices < 1 || size < 64) {
            throw new IllegalArgumentException("usage: --out DIR --slices N [--size 512] [--patient-id ID] --set name[:count] ...");
        }
        List<Set> sets = new ArrayList<>();
        for (String[] s : setArgs) {
            int count = s.length > 1 ? Math.min(slices, Integer.parseInt(s[1])) : slices;
            Path dir = Files.createDirectories(out.resolve(s[0]));
            sets.add(new Set(s[0], count, Uid.random(), Uid.random(),
                    String.format(Locale.ROOT, "BN%08d", new java.security.SecureRandom().nextInt(100_000_000)), dir));
        }
        String frameOfReference = Uid.random();
        LocalDateTime now = LocalDateTime.now();
        String date = now.format(DateTimeFormatter.BASIC_ISO_DATE);
        String time = now.format(DateTimeFormatter.ofPattern("HHmmss"));
        double spacing = 0.7; // mm; 512 × 0.7 = 358 mm field of view
        double thickness = 1.0;
        long[] bytes = new long[sets.size()];
        for (int z = 0; z < slices; z++) {
            byte[] pixels = slice(size, z, slices, spacing, thickness);
            double sliceZ = -z * thickness; // head first supine, feet-ward
            for (int k = 0; k < sets.size(); k++) {
                Set set = sets.get(k);
                if (z >= set.count) {
                    continue;
                }
                Attributes a = new Attributes();
                a.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 100");
                a.putString(IMAGE_TYPE, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
                a.putString(Tag.SOP_CLASS_UID, VR.UI, CT_IMAGE_STORAGE);
                String sop = Uid.random();
                a.putString(Tag.SOP_INSTANCE_UID, VR.UI, sop);
                a.putString(Tag.STUDY_DATE, VR.DA, date);
                a.putString(SERIES_DATE, VR.DA, date);
                a.putString(CONTENT_DATE, VR.DA, date);
                a.putString(STUDY_TIME, VR.TM, time);
                a.putString(SERIES_TIME, VR.TM, time);
                a.putString(CONTENT_TIME, VR.TM, time);
                a.putString(Tag.ACCESSION_NUMBER, VR.SH, set.accession);
                a.putString(Tag.MODALITY, VR.CS, "CT");
                a.putString(MANUFACTURER, VR.LO, "telecare bench phantom");
                a.putString(INSTITUTION_NAME, VR.LO, "Bench Hospital");
                a.putString(REFERRING_PHYSICIAN_NAME, VR.PN, "Referrer^Bench");
                a.putString(STUDY_DESCRIPTION, VR.LO, "CT CHEST ABDOMEN (bench " + set.name + ")");
                a.putString(SERIES_DESCRIPTION, VR.LO, "Axial 1.0 mm");
                a.putString(Tag.PATIENT_NAME, VR.PN, "Bench^Phantom");
                a.putString(Tag.PATIENT_ID, VR.LO, patientId);
                a.putString(PATIENT_BIRTH_DATE, VR.DA, "19700101");
                a.putString(PATIENT_SEX, VR.CS, "O");
                a.putString(BODY_PART_EXAMINED, VR.CS, "CHEST");
                a.putString(SLICE_THICKNESS, VR.DS, ds(thickness));
                a.putString(KVP, VR.DS, "120");
                a.putString(PATIENT_POSITION, VR.CS, "HFS");
                a.putString(Tag.STUDY_INSTANCE_UID, VR.UI, set.studyUid);
                a.putString(Tag.SERIES_INSTANCE_UID, VR.UI, set.seriesUid);
                a.putString(STUDY_ID, VR.SH, "1");
                a.putInts(SERIES_NUMBER, VR.IS, 2);
                a.putInts(INSTANCE_NUMBER, VR.IS, z + 1);
                double origin = -size * spacing / 2;
                a.putString(IMAGE_POSITION_PATIENT, VR.DS, ds(origin), ds(origin), ds(sliceZ));
                a.putString(IMAGE_ORIENTATION_PATIENT, VR.DS, "1", "0", "0", "0", "1", "0");
                a.putString(FRAME_OF_REFERENCE_UID, VR.UI, frameOfReference);
                a.putString(POSITION_REFERENCE_INDICATOR, VR.LO, "");
                a.putString(SLICE_LOCATION, VR.DS, ds(sliceZ));
                a.putInts(Tag.SAMPLES_PER_PIXEL, VR.US, 1);
                a.putString(Tag.PHOTOMETRIC_INTERPRETATION, VR.CS, "MONOCHROME2");
                a.putInts(Tag.ROWS, VR.US, size);
                a.putInts(Tag.COLUMNS, VR.US, size);
                a.putString(PIXEL_SPACING, VR.DS, ds(spacing), ds(spacing));
                a.putInts(Tag.BITS_ALLOCATED, VR.US, 16);
                a.putInts(Tag.BITS_STORED, VR.US, 16);
                a.putInts(Tag.HIGH_BIT, VR.US, 15);
                a.putInts(Tag.PIXEL_REPRESENTATION, VR.US, 1);
                a.putString(WINDOW_CENTER, VR.DS, "40");
                a.putString(WINDOW_WIDTH, VR.DS, "400");
                a.putString(RESCALE_INTERCEPT, VR.DS, "-1024");
                a.putString(RESCALE_SLOPE, VR.DS, "1");
                a.putString(RESCALE_TYPE, VR.LO, "HU");
                a.putBytes(Tag.PIXEL_DATA, VR.OW, pixels);
                Path file = set.dir.resolve(String.format(Locale.ROOT, "CT%05d.dcm", z + 1));
                DicomWriter.writeFile(file, FileMetaInfo.forDataset(a, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), a);
                bytes[k] += Files.size(file);
            }
        }
        for (int k = 0; k < sets.size(); k++) {
            Set s = sets.get(k);
            System.out.println(s.name + " " + s.studyUid + " " + s.seriesUid + " " + s.count + " " + bytes[k]);
        }
    }

    private static String ds(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }

    /** One slice in stored values (HU + 1024), little endian, with noise seeded by the slice number. */
    private static byte[] slice(int n, int z, int slices, double spacing, double thickness) {
        SplittableRandom random = new SplittableRandom(0x5EED + z);
        double t = slices == 1 ? 0.5 : (double) z / (slices - 1); // 0 = top of the volume, 1 = bottom
        double mmZ = z * thickness;
        // Body outline (ellipse), fixed; lungs shrink towards the abdomen, liver grows.
        double cx = n / 2.0, cy = n / 2.0 + n * 0.03;
        double bodyA = n * 0.42, bodyB = n * 0.30;
        double lungScale = Math.max(0, 1 - 1.6 * t);
        double liverScale = Math.max(0, Math.min(1, (t - 0.35) * 2.5));
        byte[] out = new byte[n * n * 2];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double hu;
                double dx = (x - cx) / bodyA, dy = (y - cy) / bodyB;
                double r = dx * dx + dy * dy;
                if (r > 1) {
                    hu = -1000; // air
                } else if (r > 0.82) {
                    hu = -100; // subcutaneous fat
                } else {
                    hu = 40; // soft tissue
                    // Lungs: two ellipses either side.
                    if (lungScale > 0 && (inEllipse(x, y, cx - n * 0.17, cy - n * 0.02, n * 0.13 * lungScale, n * 0.18 * lungScale)
                            || inEllipse(x, y, cx + n * 0.17, cy - n * 0.02, n * 0.12 * lungScale, n * 0.17 * lungScale))) {
                        hu = -850;
                    }
                    // Liver (right side of the patient = left of the image).
                    if (liverScale > 0 && inEllipse(x, y, cx - n * 0.13, cy, n * 0.15 * liverScale, n * 0.13 * liverScale)) {
                        hu = 60;
                    }
                    // Aorta with contrast, in front of the spine.
                    if (inEllipse(x, y, cx + n * 0.02, cy + n * 0.09, n * 0.025, n * 0.025)) {
                        hu = 250;
                    }
                    // Vertebral body (cortical rim, cancellous core) and the sternum.
                    if (inEllipse(x, y, cx, cy + n * 0.18, n * 0.045, n * 0.04)) {
                        hu = inEllipse(x, y, cx, cy + n * 0.18, n * 0.035, n * 0.03) ? 300 : 900;
                    }
                    if (t < 0.5 && inEllipse(x, y, cx, cy - n * 0.25, n * 0.03, n * 0.012)) {
                        hu = 700;
                    }
                    // Three spheres of different density travelling through the volume.
                    hu = sphere(x, y, mmZ, cx + n * 0.12, cy + n * 0.05, slices * thickness * 0.3, n * 0.06, spacing, 120, hu);
                    hu = sphere(x, y, mmZ, cx - n * 0.05, cy - n * 0.12, slices * thickness * 0.6, n * 0.04, spacing, -60, hu);
                    hu = sphere(x, y, mmZ, cx + n * 0.25, cy - n * 0.05, slices * thickness * 0.8, n * 0.035, spacing, 1200, hu);
                }
                double noise = hu <= -1000 ? 3 : 12; // quantum noise, lower in air
                int stored = (int) Math.round(hu + 1024 + random.nextGaussian() * noise);
                stored = Math.max(-2048, Math.min(32767, stored));
                int i = (y * n + x) * 2;
                out[i] = (byte) stored;
                out[i + 1] = (byte) (stored >> 8);
            }
        }
        return out;
    }

    private static boolean inEllipse(int x, int y, double cx, double cy, double a, double b) {
        double dx = (x - cx) / a, dy = (y - cy) / b;
        return dx * dx + dy * dy <= 1;
    }

    /** A sphere centred at depth {@code cz} mm with radius {@code radiusPx} pixels; its cut by this slice. */
    private static double sphere(int x, int y, double z, double cx, double cy, double cz, double radiusPx,
                                 double spacing, double value, double current) {
        double rMm = radiusPx * spacing;
        double dz = z - cz;
        if (Math.abs(dz) >= rMm) {
            return current;
        }
        double cut = Math.sqrt(rMm * rMm - dz * dz) / spacing;
        return inEllipse(x, y, cx, cy, cut, cut) ? value : current;
    }
}
