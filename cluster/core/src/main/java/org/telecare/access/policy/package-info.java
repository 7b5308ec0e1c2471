/**
 * Data policies (SEC-4): who may do what with which patient data. The dimensions are the eleven
 * of the regional platform's access-control rule (seed S002: source, interface, data type,
 * patient class, patient, exam, data period, authorised system, user, authorisation period,
 * allow/deny) plus role, hospital and department.
 *
 * <p>{@link org.telecare.access.policy.PolicyEvaluator} is the pure decision: deny wins, then
 * allow, then the baseline (one's own hospital's ordinary data). Patients of a protected class
 * (VIP, special) are never covered by the baseline nor by an allow that does not name their
 * class. Every data route, the event-bus bridge and DICOMweb ask the same
 * {@link org.telecare.access.policy.DataAccess}, which the accounts module provides.
 */
package org.telecare.access.policy;
