package io.hookguard.app.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces {@code ${NAME}} in a string of the file by the variable {@code NAME}; {@code $$} is a literal {@code $}. */
final class Substitution {

    static final String ACCEPTED = "${NAME} of a variable that is set (write $$ for a literal $)";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$\\{");

    private Substitution() {
    }

    static String apply(String text, Map<String, String> env) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("$$")) {
                replacement = "$";
            } else if (matcher.group(1) == null) {
                throw new Invalid("'${' without a variable name and '}'", ACCEPTED);
            } else {
                replacement = env.get(matcher.group(1));
                if (replacement == null) {
                    throw new Invalid("environment variable " + matcher.group(1) + " is not set", ACCEPTED);
                }
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
