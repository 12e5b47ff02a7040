package io.hookguard.http.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * A request body that {@link FieldRule}s read JSON from: parsed at most once, and only when a rule needs it (a
 * source whose key and event are headers never parses its body here). One per request; not thread-safe.
 */
public final class JsonBody {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final byte[] raw;
    private JsonNode tree;
    private String unreadable;

    private JsonBody(byte[] raw, JsonNode tree) {
        this.raw = raw;
        this.tree = tree;
    }

    /** The raw JSON bytes, parsed on first use. */
    public static JsonBody of(byte[] raw) {
        return new JsonBody(Objects.requireNonNull(raw, "raw"), null);
    }

    /** A body the caller has parsed already. */
    public static JsonBody parsed(JsonNode tree) {
        return new JsonBody(null, Objects.requireNonNull(tree, "tree"));
    }

    /** The parsed body, or a {@link BadDeliveryException} naming {@code where} when it is not JSON. */
    JsonNode tree(String where) {
        if (tree == null && unreadable == null) {
            try {
                JsonNode node = raw.length == 0 ? null : MAPPER.readTree(raw);
                if (node == null || node.isMissingNode()) {
                    unreadable = "the body is empty";
                } else {
                    tree = node;
                }
            } catch (IOException e) {
                unreadable = "the body is not valid JSON";
            }
        }
        if (tree == null) {
            throw new BadDeliveryException(where, unreadable + ", so nothing can be read at " + where);
        }
        return tree;
    }
}
