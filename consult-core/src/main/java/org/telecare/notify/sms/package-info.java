/**
 * Text messages (CON-9): one {@link org.telecare.notify.sms.SmsGateway} interface with a
 * development gateway that writes messages to the log and an HTTP gateway that posts them to the
 * hospital's SMS platform. Sign-in codes (SEC-2) and, later, consult notifications go through it.
 */
package org.telecare.notify.sms;
