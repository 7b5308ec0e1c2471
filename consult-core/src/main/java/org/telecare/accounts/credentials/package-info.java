/**
 * Credential building blocks of the accounts module: pure logic, no HTTP, no storage.
 *
 * <ul>
 *   <li>{@link org.telecare.accounts.credentials.PasswordHasher}: Argon2id password hashes in PHC
 *       string format (SEC-1 "hashed with a slow KDF"; S004 §九 1.11).</li>
 *   <li>{@link org.telecare.accounts.credentials.PasswordCheck} with
 *       {@link org.telecare.accounts.credentials.PasswordPolicy}: length, character classes, login
 *       name, weak passwords ({@link org.telecare.accounts.credentials.WeakPasswords}), reuse
 *       (SEC-1; S004 §九 1.7–1.9).</li>
 *   <li>{@link org.telecare.accounts.credentials.PasswordAge}: periodic change with a warning
 *       before expiry (SEC-1; S004 §九 1.9).</li>
 *   <li>{@link org.telecare.accounts.credentials.Totp}: RFC 6238 one-time codes for two-factor
 *       login (SEC-3; S004 §九 1.20).</li>
 *   <li>{@link org.telecare.accounts.credentials.Captcha} and
 *       {@link org.telecare.accounts.credentials.CaptchaAnswer}: server-checked image captcha
 *       (SEC-2; S004 §九 1.1, 1.4).</li>
 *   <li>{@link org.telecare.accounts.credentials.LoginThrottle}: lockout after N failures with timed
 *       unlock, captcha after a failure (SEC-2; S004 §九 1.4, 1.10).</li>
 * </ul>
 *
 * <p>Every class here is deterministic given its inputs, a {@link java.time.Clock} and a
 * {@link java.security.SecureRandom}, so the caller decides where state lives (the record store,
 * with compare-and-set) and tests can fix time and randomness.
 */
package org.telecare.accounts.credentials;
