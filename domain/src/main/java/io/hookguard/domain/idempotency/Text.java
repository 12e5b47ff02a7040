package io.hookguard.domain.idempotency;

/** Small text checks shared by the value objects of the domain. */
public final class Text {

    private Text() {
    }

    public static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    /** Whether {@code value} holds U+0000, which free text may not: PostgreSQL text columns cannot store it. */
    public static boolean hasNulCharacter(String value) {
        return value.indexOf('\u0000') >= 0;
    }

    /** Cuts {@code value} to at most {@code maxLength} characters, so free text always fits its column. */
    public static String truncate(String value, int maxLength) {
        return value.length() <= maxLength ? value : value.substring(0, maxLength);
    }
}
