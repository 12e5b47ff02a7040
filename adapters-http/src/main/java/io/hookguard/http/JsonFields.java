package io.hookguard.http;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads typed fields out of a parsed JSON object, with 400 details that name the field. */
final class JsonFields {

    private JsonFields() {
    }

    /** A string field that must be present; {@code path} names it in errors. */
    static String requiredString(JsonNode object, String field, String path) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw invalid("'" + path + "' is required");
        }
        return text(node, path);
    }

    /** A string field that may be absent or null. */
    static String optionalString(JsonNode object, String field, String path) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : text(node, path);
    }

    /** An integer field that must be present and fit an int; {@code rule} is the detail for a wrong value. */
    static int requiredInt(JsonNode object, String field, String path, String rule) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw invalid("'" + path + "' is required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw invalid(rule);
        }
        return node.intValue();
    }

    /** An array field that must be present. */
    static JsonNode requiredArray(JsonNode object, String field, String path) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw invalid("'" + path + "' is required");
        }
        if (!node.isArray()) {
            throw invalid("'" + path + "' must be an array");
        }
        return node;
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(ProblemMapper.invalid(detail));
    }

    private static String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw invalid("'" + path + "' must be a string");
        }
        return node.textValue();
    }
}
