/**
 * DICOM associations (PS3.8 §7, §9.2): the upper layer state machine {@link org.telecare.dimse.association.State}
 * (Sta1…Sta13 with the standard's names), the transport-bound {@link org.telecare.dimse.association.Association},
 * the acceptor's negotiation {@link org.telecare.dimse.association.Negotiation} (pure, tested without a
 * socket), timers (ARTIM, idle), P-DATA fragmentation limits and the {@link org.telecare.dimse.association.AcceptorServer}
 * that listens on a Vert.x {@code NetServer}.
 *
 * <p>Everything of one association runs on that connection's Vert.x context; nothing here blocks.
 * A broken association only ever closes its own socket.
 */
package org.telecare.dimse.association;
