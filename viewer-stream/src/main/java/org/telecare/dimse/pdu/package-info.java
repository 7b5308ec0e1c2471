/**
 * The DICOM upper layer protocol data units (PS3.8 §9.3): one record per PDU type under the
 * sealed {@link org.telecare.dimse.pdu.Pdu}, their variable items (presentation contexts,
 * user information sub-items of PS3.8 Annex D) and the stateful {@link org.telecare.dimse.pdu.PduDecoder}
 * / stateless {@link org.telecare.dimse.pdu.PduEncoder} pair.
 *
 * <p>This package is pure Java: no Vert.x or Netty, so that it can be tested byte for byte and
 * reused by any transport. Malformed input becomes a {@link org.telecare.dimse.pdu.PduException}
 * that carries the A-ABORT reason the association must send (PS3.8 §9.3.8).
 */
package org.telecare.dimse.pdu;
