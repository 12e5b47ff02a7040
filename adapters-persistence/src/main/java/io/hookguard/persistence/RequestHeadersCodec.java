package io.hookguard.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookguard.domain.deliveries.StoredRequest;
import io.hookguard.domain.idempotency.RequestHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoding of a stored request's headers in {@code webhook_events.request_headers}: a JSON array of
 * {@code [name, value]} pairs in arrival order, e.g. {@code [["Content-Type","application/json"]]}, so that operators
 * can read it with the database's JSON functions. Credential headers are dropped once more on the way in.
 */
final class RequestHeadersCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestHeadersCodec() {
    }

    static String encode(List<RequestHeader> headers) {
        List<String[]> pairs = new ArrayList<>(headers.size());
        for (RequestHeader header : headers) {
            if (!header.isCredential()) {
                pairs.add(new String[] {header.name(), header.value()});
            }
        }
        try {
            return JSON.writeValueAsString(pairs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode request headers", e);
        }
    }

    static List<StoredRequest.Header> decode(String encoded) {
        try {
            String[][] pairs = JSON.readValue(encoded, String[][].class);
            List<StoredRequest.Header> headers = new ArrayList<>(pairs.length);
            for (String[] pair : pairs) {
                if (pair == null || pair.length != 2 || pair[0] == null || pair[1] == null) {
                    throw new IllegalStateException("stored request headers hold an entry that is not [name, value]");
                }
                headers.add(new StoredRequest.Header(pair[0], pair[1]));
            }
            return headers;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored request headers are not a JSON array of [name, value] pairs", e);
        }
    }
}
