/**
 * The SCP side of DIMSE: a {@link org.telecare.dimse.service.ServiceRegistry} keyed by SOP Class
 * UID with the built-in Verification SCP (C-ECHO), and the contracts the archive implements:
 * {@link org.telecare.dimse.service.StoreHandler} (C-STORE, streamed, answered only when the
 * handler's future completes: ARC-1), {@link org.telecare.dimse.service.FindHandler},
 * {@link org.telecare.dimse.service.MoveHandler} and {@link org.telecare.dimse.service.GetHandler}
 * (identifier in, pending responses out, cancel). {@link org.telecare.dimse.service.DicomServer}
 * starts it all from a module's Vert.x and configuration.
 *
 * <p>How the archive module plugs in (from its {@code TelecareModule.start}):
 * <pre>{@code
 * ServiceRegistry services = new ServiceRegistry()
 *         .store(archiveStore, SopClasses.STORAGE)                       // StoreHandler
 *         .find(archiveFind, SopClasses.STUDY_ROOT_QR_FIND, SopClasses.PATIENT_ROOT_QR_FIND)
 *         .move(archiveMove, SopClasses.STUDY_ROOT_QR_MOVE, SopClasses.PATIENT_ROOT_QR_MOVE)
 *         .get(archiveGet, SopClasses.STUDY_ROOT_QR_GET, SopClasses.PATIENT_ROOT_QR_GET);
 * return DicomServer.start(context, knownPeers, services).mapEmpty();   // modules.<id>.dicom
 * }</pre>
 *
 * <p>A handler signals a DIMSE failure by failing its future with a
 * {@link org.telecare.dimse.service.DimseServiceException}; the status becomes the response.
 */
package org.telecare.dimse.service;
