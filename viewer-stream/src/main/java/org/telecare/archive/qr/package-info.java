/**
 * Query/Retrieve SCP of the archive (PS3.4 Annex C, ARC-2): C-FIND answered from the study
 * index, C-MOVE and C-GET sending the stored bytes as C-STORE sub-operations. Built on the DIMSE
 * service contracts ({@code org.telecare.dimse.service}) and the index; requests are read and
 * answers written with the codec.
 */
package org.telecare.archive.qr;
