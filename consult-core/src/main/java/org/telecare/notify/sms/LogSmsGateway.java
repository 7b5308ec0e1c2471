package org.telecare.notify.sms;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.accounts.sensitive.Masking;

/**
 * For development and demonstrations: the message goes to the log (number masked) instead of a
 * phone. Never configure it in production: the log then holds sign-in codes.
 */
public final class LogSmsGateway implements SmsGateway {
    private static final Logger LOG = LoggerFactory.getLogger(LogSmsGateway.class);

    @Override
    public Future<Void> send(SmsMessage message) {
        LOG.info("SMS ({}) to {}: {}", message.purpose(), Masking.phone(message.to()), message.text());
        return Future.succeededFuture();
    }

    @Override
    public String describe() {
        return "log (development only)";
    }
}
