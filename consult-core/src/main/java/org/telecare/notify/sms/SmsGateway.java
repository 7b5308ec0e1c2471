package org.telecare.notify.sms;

import io.vertx.core.Future;

/** Hands a message to whatever delivers it; the future fails when the hand-over failed. */
public interface SmsGateway {
    Future<Void> send(SmsMessage message);

    /** For the log and health pages ({@code log}, {@code http → sms.example.org}). */
    String describe();
}
