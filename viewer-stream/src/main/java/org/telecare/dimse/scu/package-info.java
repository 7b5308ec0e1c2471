/**
 * The requestor (SCU) side: {@link org.telecare.dimse.scu.DicomClient} opens an association to
 * (host, port, AE) with the presentation contexts offered, and
 * {@link org.telecare.dimse.scu.ScuAssociation} runs C-ECHO, C-STORE (from bytes, a stream or a
 * file region), C-FIND with a stream of matches and cancel, C-MOVE, then release or abort.
 * Used for query/retrieve against other archives and auto-routing (ARC-3).
 */
package org.telecare.dimse.scu;
