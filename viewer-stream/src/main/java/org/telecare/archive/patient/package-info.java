/**
 * Patient classes (VIP, special; S002 特殊患者): which patients' data the data policies protect
 * beyond the baseline (SEC-4). Kept by Patient ID, set by those who hold
 * {@code data.patients.classify}, and read for every access decision about a study.
 */
package org.telecare.archive.patient;
