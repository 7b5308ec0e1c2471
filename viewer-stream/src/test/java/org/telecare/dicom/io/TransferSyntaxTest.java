package org.telecare.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransferSyntaxTest {
    @Test
    void knownSyntaxesCarryTheirEncoding() {
        assertThat(TransferSyntax.of("1.2.840.10008.1.2")).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(TransferSyntax.of("1.2.840.10008.1.2.1\0").explicitVr()).isTrue();
        assertThat(TransferSyntax.of("1.2.840.10008.1.2.2").bigEndian()).isTrue();
        assertThat(TransferSyntax.of("1.2.840.10008.1.2.1.99").deflated()).isTrue();
        for (String uid : new String[] {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57",
                "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.90",
                "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.5"}) {
            TransferSyntax ts = TransferSyntax.of(uid);
            assertThat(ts.isKnown()).as(uid).isTrue();
            assertThat(ts.encapsulated() && ts.explicitVr() && !ts.bigEndian() && !ts.deflated()).as(uid).isTrue();
        }
    }

    @Test
    void unknownUidsAreEncapsulatedExplicitLittleEndian() {
        TransferSyntax htj2k = TransferSyntax.of("1.2.840.10008.1.2.4.201");
        assertThat(htj2k.isKnown()).isFalse();
        assertThat(htj2k.encapsulated()).isTrue();
        assertThat(htj2k.explicitVr()).isTrue();
        assertThat(htj2k.bigEndian()).isFalse();
    }
}
