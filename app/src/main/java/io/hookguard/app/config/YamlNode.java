package io.hookguard.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A node of the parsed file with its path ({@code sources.stripe.secrets[0]}): typed reads that record a
 * mistake under that path and return empty instead of throwing, so that one walk finds every mistake.
 */
final class YamlNode {

    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final Map<String, String> env;

    YamlNode(JsonNode node, String path, Problems problems, Map<String, String> env) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.env = env;
    }

    String path() {
        return path;
    }

    boolean isNull() {
        return node == null || node.isNull() || node.isMissingNode();
    }

    void problem(String problem, String accepted) {
        problems.add(path, problem, accepted);
    }

    void problem(Invalid invalid) {
        problems.add(path, invalid);
    }

    /** The entries of a mapping in file order; {@code null} (an empty value) reads as an empty mapping. */
    Optional<Map<String, YamlNode>> mapping(String accepted) {
        if (isNull()) {
            return Optional.of(Map.of());
        }
        if (!node.isObject()) {
            wrongType("a mapping", accepted);
            return Optional.empty();
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            entries.put(field.getKey(), new YamlNode(field.getValue(), child(field.getKey()), problems, env));
        }
        return Optional.of(entries);
    }

    /** The elements of a sequence. */
    Optional<List<YamlNode>> list(String accepted) {
        if (isNull() || !node.isArray()) {
            wrongType("a list", accepted);
            return Optional.empty();
        }
        List<YamlNode> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(new YamlNode(node.get(i), path + "[" + i + "]", problems, env));
        }
        return Optional.of(elements);
    }

    /** A string with {@code ${NAME}} replaced from the environment. */
    Optional<String> text(String accepted) {
        if (isNull() || !node.isTextual()) {
            wrongType("a string", accepted);
            return Optional.empty();
        }
        try {
            return Optional.of(Substitution.apply(node.textValue(), env));
        } catch (Invalid invalid) {
            problem(invalid);
            return Optional.empty();
        }
    }

    /** A string turned into a value by {@code parse}, which throws {@link Invalid} saying what is accepted. */
    <T> Optional<T> parse(String accepted, Function<String, T> parse) {
        return text(accepted).flatMap(text -> {
            try {
                return Optional.of(parse.apply(text));
            } catch (Invalid invalid) {
                problem(invalid);
                return Optional.empty();
            }
        });
    }

    /** A whole number as written, or empty when the node is not one (then nothing is recorded). */
    Optional<Long> wholeNumber() {
        return node != null && node.isIntegralNumber() && node.canConvertToLong()
                ? Optional.of(node.longValue()) : Optional.empty();
    }

    /** A list whose every element is parsed; empty when the list or any element is wrong. */
    <T> Optional<List<T>> parsedList(String accepted, Function<String, T> parse) {
        return list(accepted).flatMap(elements -> {
            List<T> values = new ArrayList<>();
            boolean allGood = true;
            for (YamlNode element : elements) {
                Optional<T> value = element.parse(accepted, parse);
                value.ifPresent(values::add);
                allGood &= value.isPresent();
            }
            return allGood ? Optional.of(values) : Optional.empty();
        });
    }

    /** The strings of the list under {@code key} as written, without recording anything; empty if there is none. */
    List<String> textsUnder(String key) {
        JsonNode list = node == null ? null : node.get(key);
        if (list == null || !list.isArray()) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        list.forEach(element -> {
            if (element.isTextual()) {
                texts.add(element.textValue());
            }
        });
        return texts;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private void wrongType(String expected, String accepted) {
        problem("wrong type: " + describe() + " where " + expected + " belongs", accepted);
    }

    private String describe() {
        if (isNull()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNumber()) {
            return "a number";
        }
        return "a string";
    }
}
