/**
 * The DICOM network: upper layer (PS3.8) and DIMSE message exchange (PS3.7), on Vert.x / Netty.
 *
 * <p>Layers, each depending only on the ones before it (checked by {@code DimseLayeringTest}):
 * <ol>
 *   <li>{@code pdu}: PDU records, decoder and encoder; pure Java, no Vert.x.</li>
 *   <li>{@code association}: the PS3.8 state machine over a socket, negotiation, timers, the acceptor server.</li>
 *   <li>{@code message}: command sets, DIMSE messages and statuses, the per-association message exchange.</li>
 *   <li>{@code service}: the SCP registry by SOP class and the contracts the archive implements.</li>
 *   <li>{@code scu}: the requestor API.</li>
 * </ol>
 * Data sets travel as raw bytes; parsing them is the Part 10 codec's job ({@code org.telecare.dicom}),
 * which never depends on this package.
 */
package org.telecare.dimse;
