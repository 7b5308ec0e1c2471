package org.telecare.dimse.association;

/** An accepted presentation context of an established association (PS3.8 §7.1.1.13). */
public record PresentationContext(int id, String abstractSyntax, String transferSyntax) {
}
