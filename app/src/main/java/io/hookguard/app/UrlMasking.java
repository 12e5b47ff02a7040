package io.hookguard.app;

import java.util.regex.Pattern;

/** Masks passwords in connection URLs before they reach a log line. */
final class UrlMasking {

    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^@/]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");

    private UrlMasking() {
    }

    static String mask(String url) {
        String masked = USER_INFO.matcher(url).replaceAll("$1****@");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1****");
    }
}
