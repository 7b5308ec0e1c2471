package org.telecare.accounts.credentials;

import java.util.Objects;

/**
 * One broken password rule, with messages for the user in English and Chinese (the users are
 * Chinese hospital staff; S004 §九 1.7.3 asks that a refused password say which rule it breaks).
 *
 * @param code      stable identifier for clients and tests; never renamed
 * @param message   English message
 * @param messageZh Chinese message
 */
public record PasswordViolation(Code code, String message, String messageZh) {

    public enum Code {
        TOO_SHORT,
        TOO_LONG,
        /** Control characters (tab, line break, NUL) are refused: they cannot be typed reliably at a login form. */
        INVALID_CHARACTER,
        TOO_FEW_CLASSES,
        CONTAINS_LOGIN,
        WEAK,
        REUSED
    }

    public PasswordViolation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(messageZh, "messageZh");
    }

    public static PasswordViolation tooShort(int min) {
        return new PasswordViolation(Code.TOO_SHORT,
                "The password must be at least " + min + " characters long.",
                "密码长度至少为" + min + "位。");
    }

    public static PasswordViolation tooLong(int max) {
        return new PasswordViolation(Code.TOO_LONG,
                "The password must be at most " + max + " characters long.",
                "密码长度不能超过" + max + "位。");
    }

    public static PasswordViolation invalidCharacter() {
        return new PasswordViolation(Code.INVALID_CHARACTER,
                "The password must not contain control characters such as tabs or line breaks.",
                "密码不能包含制表符、换行符等控制字符。");
    }

    public static PasswordViolation tooFewClasses(int min) {
        return new PasswordViolation(Code.TOO_FEW_CLASSES,
                "The password must contain at least " + min
                        + " of these: upper-case letters, lower-case letters, digits, symbols.",
                "密码须至少包含大写字母、小写字母、数字、特殊符号中的" + min + "类。");
    }

    public static PasswordViolation needsLetterDigitSymbol() {
        return new PasswordViolation(Code.TOO_FEW_CLASSES,
                "The password must contain letters, digits and symbols.",
                "密码须同时包含字母、数字和特殊符号。");
    }

    public static PasswordViolation containsLogin() {
        return new PasswordViolation(Code.CONTAINS_LOGIN,
                "The password must not contain the login name, forwards or backwards.",
                "密码不能包含账户名（包括倒序）。");
    }

    public static PasswordViolation weak() {
        return new PasswordViolation(Code.WEAK,
                "The password is too easy to guess: it is a common password, a keyboard pattern, a sequence or a repetition.",
                "密码过于简单：属于常用密码、键盘顺序、连续或重复字符，请更换。");
    }

    public static PasswordViolation reused(int depth) {
        return new PasswordViolation(Code.REUSED,
                "The password must differ from the last " + depth + " passwords.",
                "新密码不能与最近" + depth + "次使用过的密码相同。");
    }
}
