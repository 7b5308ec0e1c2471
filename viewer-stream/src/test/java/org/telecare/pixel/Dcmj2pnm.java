package org.telecare.pixel;

import org.telecare.dicom.io.Dcmtk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** DCMTK's dcmj2pnm as the reference renderer: its binary PGM (P5) or PPM (P6) output. */
public final class Dcmj2pnm {
    /** An image: width, height, samples per pixel (1 or 3), 8-bit samples row by row. */
    public record Pnm(int width, int height, int channels, int[] samples) {
    }

    private Dcmj2pnm() {
    }

    public static Pnm render(Path in, Path out, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(options));
        args.add(in.toString());
        args.add(out.toString());
        Dcmtk.Result r = Dcmtk.run("dcmj2pnm", args.toArray(String[]::new));
        assertThat(r.exitCode()).as("dcmj2pnm: " + r.stderr()).isZero();
        byte[] b = Files.readAllBytes(out);
        int[] at = {0};
        String magic = token(b, at);
        int w = Integer.parseInt(token(b, at));
        int h = Integer.parseInt(token(b, at));
        assertThat(token(b, at)).isEqualTo("255");
        at[0]++; // the single whitespace after maxval
        int channels = magic.equals("P6") ? 3 : 1;
        int[] s = new int[w * h * channels];
        for (int i = 0; i < s.length; i++) {
            s[i] = b[at[0] + i] & 0xFF;
        }
        return new Pnm(w, h, channels, s);
    }

    private static String token(byte[] b, int[] at) {
        while (Character.isWhitespace(b[at[0]]) || b[at[0]] == '#') {
            if (b[at[0]] == '#') {
                while (b[at[0]] != '\n') {
                    at[0]++;
                }
            }
            at[0]++;
        }
        int start = at[0];
        while (!Character.isWhitespace(b[at[0]])) {
            at[0]++;
        }
        return new String(b, start, at[0] - start);
    }
}
