package io.hookguard.domain.deliveries;

import java.util.List;
import java.util.Objects;

/** The request a sender made, as stored: its headers in arrival order and its body as text. */
public record StoredRequest(List<Header> headers, String body) {

    public StoredRequest {
        headers = List.copyOf(Objects.requireNonNull(headers, "'headers' is required"));
        Objects.requireNonNull(body, "'body' is required");
    }

    /** One request header as stored. */
    public record Header(String name, String value) {

        public Header {
            Objects.requireNonNull(name, "'name' is required");
            Objects.requireNonNull(value, "'value' is required");
        }
    }
}
