package org.telecare.notify.sms;

/**
 * One text message.
 *
 * @param to      a mainland mobile number in normal form (11 digits)
 * @param purpose what it is for ({@code sign-in-code}, {@code consult-ready}): gateways that bill or
 *                template by purpose use it; it is never shown to the recipient
 */
public record SmsMessage(String to, String text, String purpose) {
    public SmsMessage {
        if (to == null || !to.matches("1\\d{10}")) {
            throw new IllegalArgumentException("an SMS goes to an 11-digit mainland mobile number");
        }
        if (text == null || text.isBlank() || text.length() > 500) {
            throw new IllegalArgumentException("an SMS has 1-500 characters of text");
        }
    }
}
