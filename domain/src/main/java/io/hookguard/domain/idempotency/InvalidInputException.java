package io.hookguard.domain.idempotency;

import java.util.Objects;

/**
 * A value the domain refuses, naming the field and the rule it breaks: {@code 'webhookId' must be 1..255 characters}.
 * The edge answers it as bad input and may name the field as its own request does ({@link #messageNaming(String)}).
 */
public class InvalidInputException extends IllegalArgumentException {

    private final String field;
    private final String rule;

    public InvalidInputException(String field, String rule) {
        super("'" + Objects.requireNonNull(field, "field") + "' " + Objects.requireNonNull(rule, "rule"));
        this.field = field;
        this.rule = rule;
    }

    /** The field as the domain names it. */
    public String field() {
        return field;
    }

    /** What the value must be, without the field's name: {@code must be 1..255 characters}. */
    public String rule() {
        return rule;
    }

    /** The message with the field named {@code name} instead, e.g. a header or a request's JSON field. */
    public String messageNaming(String name) {
        return "'" + name + "' " + rule;
    }
}
