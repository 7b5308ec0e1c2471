package org.telecare.dimse.message;

/** What the performing side of a {@link DimseExchange} does with incoming requests (the SCP side). */
@FunctionalInterface
public interface RequestHandler {

    /**
     * A request command arrived (C-CANCEL is handled by the exchange itself). Returns where its
     * data set goes when it has one ({@code null} = dropped); the request is answered through
     * {@link InboundRequest#respond}.
     */
    DataSink onRequest(InboundRequest request);
}
