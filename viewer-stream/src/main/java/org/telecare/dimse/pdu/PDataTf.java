package org.telecare.dimse.pdu;

import java.util.List;

/** P-DATA-TF (PS3.8 §9.3.5): one or more presentation data value items. */
public record PDataTf(List<Pdv> pdvs) implements Pdu {

    public PDataTf {
        pdvs = List.copyOf(pdvs);
        if (pdvs.isEmpty()) {
            throw new IllegalArgumentException("a P-DATA-TF needs at least one PDV");
        }
    }

    public static PDataTf of(Pdv pdv) {
        return new PDataTf(List.of(pdv));
    }

    @Override
    public int type() {
        return P_DATA_TF;
    }
}
