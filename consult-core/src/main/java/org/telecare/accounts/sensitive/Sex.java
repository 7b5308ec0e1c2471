package org.telecare.accounts.sensitive;

/** Sex as encoded in a resident ID-card number (odd sequence digit = male). */
public enum Sex {
    MALE,
    FEMALE
}
