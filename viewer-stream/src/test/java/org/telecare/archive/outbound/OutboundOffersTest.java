package org.telecare.archive.outbound;

import org.junit.jupiter.api.Test;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.scu.Offer;
import org.telecare.dimse.service.SopClasses;
import org.telecare.storage.blob.BlobId;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundOffersTest {
    static final BlobId BLOB = BlobId.of(new byte[32]);
    static final String US_IMAGE = "1.2.840.10008.5.1.4.1.1.6.1";

    static OutboundObject object(String sop, String sopClass, String ts) {
        return new OutboundObject(sopClass, sop, ts, BLOB, 10, -1);
    }

    @Test
    void eachStoredSyntaxIsOfferedAndTheLittleEndianPairOnlyWhereItAddsSomethingReachable() {
        List<OutboundObject> objects = List.of(
                object("1.1.1", SopClasses.CT_IMAGE_STORAGE, TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN),
                object("1.1.2", SopClasses.CT_IMAGE_STORAGE, TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN),
                object("1.2.1", SopClasses.MR_IMAGE_STORAGE, TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN),
                object("1.3.1", SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, TransferSyntaxes.JPEG_LOSSLESS_SV1),
                object("1.4.1", US_IMAGE, TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN));
        assertThat(OutboundOffers.of(objects)).containsExactly(
                Offer.of(SopClasses.CT_IMAGE_STORAGE, TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN),
                Offer.of(SopClasses.CT_IMAGE_STORAGE, TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN),
                Offer.of(SopClasses.MR_IMAGE_STORAGE, TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN),
                Offer.of(SopClasses.SECONDARY_CAPTURE_IMAGE_STORAGE, TransferSyntaxes.JPEG_LOSSLESS_SV1),
                Offer.of(US_IMAGE, TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN),
                // Big endian can be re-encoded, and explicit alone may be refused by an implicit-only
                // peer; JPEG needs the pixel codecs, so no pair for it.
                Offer.of(SopClasses.MR_IMAGE_STORAGE, TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN,
                        TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN),
                Offer.of(US_IMAGE, TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN,
                        TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN));
    }

    @Test
    void atMost128ContextsAreProposed() {
        List<OutboundObject> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(object("1.1." + i, "1.2.840.10008.5.1.4.1.1." + (1000 + i), TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN));
        }
        assertThat(OutboundOffers.of(many)).hasSize(OutboundOffers.MAX_CONTEXTS);
    }
}
