/**
 * The audit trail (SEC-8): every login, failure, lockout, permission change, data read and
 * write, export and administrative action, recorded append-only in a tamper-evident SHA-256
 * hash chain over the storage SPI, searchable by time, actor, action and result, verifiable,
 * and exported to syslog (RFC 5424 over UDP per RFC 5426 or TCP per RFC 6587).
 *
 * <p>Entry points: {@link org.telecare.audit.AuditTrail#create}, {@link org.telecare.audit.AuditSchema#migrations()},
 * {@link org.telecare.audit.SyslogExporter#create}. There is deliberately no API to change or delete entries.
 */
package org.telecare.audit;
