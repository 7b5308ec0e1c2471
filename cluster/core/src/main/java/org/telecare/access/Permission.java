package org.telecare.access;

import java.util.regex.Pattern;

/**
 * Something a role allows: a dotted code, area first ({@code admin.users.write},
 * {@code audit.read}, {@code consult.review}). Modules declare their own.
 */
public record Permission(String code) {
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9-]*)+");

    public Permission {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a permission is a dotted lower-case code, got: " + code);
        }
    }

    public static Permission of(String code) {
        return new Permission(code);
    }

    @Override
    public String toString() {
        return code;
    }
}
