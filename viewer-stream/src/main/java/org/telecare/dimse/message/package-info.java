/**
 * DIMSE messages (PS3.7 §9, §10): the command set codec (group 0000, always Implicit VR Little
 * Endian, PS3.7 §6.3 and Annex E) with its own small dictionary of command elements, the sealed
 * {@link org.telecare.dimse.message.Dimse} message records, {@link org.telecare.dimse.message.Status}
 * codes (PS3.7 Annex C) and {@link org.telecare.dimse.message.DimseExchange}, which turns the
 * P-DATA stream of one association into messages and back.
 *
 * <p>Data sets (identifiers, SOP instances) are never parsed here: they travel as raw bytes in
 * the negotiated transfer syntax; the Part 10 codec is another package's job.
 */
package org.telecare.dimse.message;
