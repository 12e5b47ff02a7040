package io.hookguard.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/** The edge's Jackson setup: snake_case, ISO-8601 instants, strict parsing of request bodies. */
final class Json {

    static final int MAX_NESTING_DEPTH = 200;

    private Json() {
    }

    static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
        return JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Parses a request body that must be one JSON object; anything else is a 400 problem. */
    static JsonNode parseObject(ObjectMapper mapper, byte[] body) {
        if (body.length == 0) {
            throw new ProblemException(ProblemMapper.invalid("the request body is empty; expected a JSON object"));
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemMapper.invalid(describe(e)));
        } catch (IOException e) {
            throw new ProblemException(ProblemMapper.invalid("the request body is not valid JSON"));
        }
        if (node == null || !node.isObject()) {
            throw new ProblemException(ProblemMapper.invalid("the request body must be a JSON object"));
        }
        return node;
    }

    /** The raw bytes as a JSON value if they parse, else {@code null}. */
    static JsonNode tryParse(ObjectMapper mapper, String raw) {
        try {
            JsonNode node = mapper.readTree(raw);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(JsonProcessingException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 1) {
            return "the request body is not valid JSON";
        }
        return "the request body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
