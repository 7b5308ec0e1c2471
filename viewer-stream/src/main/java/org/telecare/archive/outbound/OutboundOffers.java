package org.telecare.archive.outbound;

import org.telecare.dicom.transcode.NativeTranscoder;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.scu.Offer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The presentation contexts an association that sends stored objects proposes (C-MOVE
 * sub-operations, auto-routing; PS3.8 §9.3.2.2): one per SOP class and stored transfer syntax,
 * since objects go out as stored when the peer takes that, plus Explicit then Implicit VR Little
 * Endian for a class stored in anything else that {@link NativeTranscoder} can re-encode (every
 * storage SCP accepts Implicit VR Little Endian, PS3.5 §10.1). At most 128 contexts (odd ids
 * 1..255).
 */
public final class OutboundOffers {
    public static final int MAX_CONTEXTS = 128;
    private static final List<String> LITTLE_ENDIAN = List.of(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN);

    private OutboundOffers() {
    }

    public static List<Offer> of(Collection<OutboundObject> objects) {
        Map<String, Set<String>> syntaxesByClass = new LinkedHashMap<>();
        for (OutboundObject o : objects) {
            syntaxesByClass.computeIfAbsent(o.sopClassUid(), c -> new LinkedHashSet<>()).add(o.transferSyntaxUid());
        }
        List<Offer> offers = new ArrayList<>();
        syntaxesByClass.forEach((sopClass, syntaxes) -> syntaxes.forEach(ts -> offers.add(Offer.of(sopClass, ts))));
        syntaxesByClass.forEach((sopClass, syntaxes) -> {
            // Already offered both on their own: the pair adds nothing.
            boolean addsSomething = !syntaxes.containsAll(LITTLE_ENDIAN);
            boolean reachable = syntaxes.stream().anyMatch(ts -> LITTLE_ENDIAN.contains(ts)
                    || NativeTranscoder.canTranscode(ts, LITTLE_ENDIAN.getFirst()));
            if (addsSomething && reachable) {
                offers.add(Offer.of(sopClass, LITTLE_ENDIAN.get(0), LITTLE_ENDIAN.get(1)));
            }
        });
        return offers.size() > MAX_CONTEXTS ? List.copyOf(offers.subList(0, MAX_CONTEXTS)) : offers;
    }
}
