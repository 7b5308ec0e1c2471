package org.telecare.archive.qr;

import org.telecare.archive.catalog.StoredInstance;
import org.telecare.dimse.association.TransferSyntaxes;
import org.telecare.dimse.scu.Offer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The presentation contexts a C-MOVE proposes to its destination (PS3.8 §9.3.2.2): one per SOP
 * class and stored transfer syntax, since instances are sent as stored, plus Explicit/Implicit VR
 * Little Endian for a class stored in anything else (the syntax every storage SCP accepts, PS3.5
 * §10.1; used once transcoding exists: until then an instance whose stored syntax the destination
 * refused counts as a failed sub-operation). At most 128 contexts (PS3.8 §9.3.2.2: odd ids 1..255).
 */
final class MoveOffers {
    static final int MAX_CONTEXTS = 128;
    private static final Set<String> LITTLE_ENDIAN = Set.of(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN);

    private MoveOffers() {
    }

    static List<Offer> of(List<StoredInstance> instances) {
        Map<String, Set<String>> syntaxesByClass = new LinkedHashMap<>();
        for (StoredInstance i : instances) {
            syntaxesByClass.computeIfAbsent(i.sopClassUid(), c -> new LinkedHashSet<>()).add(i.transferSyntaxUid());
        }
        List<Offer> offers = new ArrayList<>();
        syntaxesByClass.forEach((sopClass, syntaxes) -> syntaxes.forEach(ts -> offers.add(Offer.of(sopClass, ts))));
        syntaxesByClass.forEach((sopClass, syntaxes) -> {
            if (!LITTLE_ENDIAN.containsAll(syntaxes)) {
                offers.add(Offer.of(sopClass, TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN,
                        TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN));
            }
        });
        return offers.size() > MAX_CONTEXTS ? List.copyOf(offers.subList(0, MAX_CONTEXTS)) : offers;
    }
}
