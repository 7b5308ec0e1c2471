/**
 * Protection of sensitive personal identifiers (SEC-7): pure logic, no HTTP, no storage.
 *
 * <ul>
 *   <li>{@link org.telecare.accounts.sensitive.FieldCipher} with the keyring
 *       {@link org.telecare.accounts.sensitive.FieldKeys}: AES-256-GCM encryption at rest of single
 *       field values, bound to their record and field, with key rotation.</li>
 *   <li>{@link org.telecare.accounts.sensitive.BlindIndex}: keyed HMAC indexes for exact-match
 *       lookups on encrypted fields without decrypting them.</li>
 *   <li>{@link org.telecare.accounts.sensitive.Masking}: server-side masks for ID-card numbers,
 *       phone numbers, names, emails and other values.</li>
 *   <li>{@link org.telecare.accounts.sensitive.ChineseIdCard} and
 *       {@link org.telecare.accounts.sensitive.PhoneNumbers}: validation and normalisation, so
 *       stored, indexed and masked values agree and patient data can be cross-checked.</li>
 * </ul>
 *
 * <p>No class here logs, and no exception message or {@code toString()} contains key material or
 * a plaintext identifier.
 */
package org.telecare.accounts.sensitive;
