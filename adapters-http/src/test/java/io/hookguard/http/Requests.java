package io.hookguard.http;

import io.hookguard.domain.testing.HmacSignatures;
import java.nio.charset.StandardCharsets;

/** Small helpers that build request bodies and signatures independently of the code under test. */
final class Requests {

    private Requests() {
    }

    static String sign(String secret, byte[] body) {
        return HmacSignatures.sign(secret, body);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String completion(String adwId, String status, String queueId, int parentIssue) {
        return "{\"adw_id\":\"" + adwId + "\",\"status\":\"" + status + "\",\"queue_id\":\"" + queueId
                + "\",\"parent_issue\":" + parentIssue + "}";
    }

    static final String PLAN_42 = "{\"parent_issue\":42,\"phases\":[{\"title\":\"plan\",\"queue_id\":\"q-1\"},"
            + "{\"title\":\"build\",\"queue_id\":\"q-2\"},{\"title\":\"ship\",\"queue_id\":\"q-3\"}]}";
}
