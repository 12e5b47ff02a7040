package bench.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

/**
 * workflow-complete the Camel way: verify the signature, derive the same key as Hookguard
 * (SHA-256 of "adw_id:status:queue_id"), let the idempotent consumer with the JDBC repository drop duplicates, then
 * complete the phase and trigger the next one in a transaction of its own. The repository records the key in
 * another transaction than the effect: that is how the component works, and part of what is being compared.
 */
final class WorkflowCompleteRoute extends RouteBuilder {

    static final String KEY = "reportKey";
    private static final String DUPLICATE = "{\"success\":true,\"message\":\"Duplicate webhook - already processed\","
            + "\"phase_updated\":false,\"next_phase_triggered\":false}";

    private final DataSource dataSource;
    private final byte[] secret;
    private final ObjectMapper mapper = new ObjectMapper();

    WorkflowCompleteRoute(DataSource dataSource, String secret) {
        this.dataSource = dataSource;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void configure() {
        onException(Refused.class).handled(true)
                .process(exchange -> {
                    Refused refused = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Refused.class);
                    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, refused.status);
                    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
                    exchange.getMessage().setBody("{\"status\":" + refused.status + ",\"detail\":\""
                            + refused.getMessage() + "\"}");
                });

        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "workflow-complete");
        repository.setCreateTableIfNotExists(false);

        from("platform-http:/api/v1/queue/workflow-complete?httpMethodRestrict=POST")
                .routeId("workflow-complete")
                .process(this::verifyAndRead)
                .idempotentConsumer(header(KEY), repository).skipDuplicate(false)
                    .choice()
                        .when(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isEqualTo(true))
                            .setBody(constant(DUPLICATE))
                        .otherwise()
                            .process(this::apply)
                    .end()
                .end()
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }

    private void verifyAndRead(Exchange exchange) throws Exception {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null) {
            throw new Refused(400, "empty body");
        }
        if (secret.length > 0) {
            String header = exchange.getMessage().getHeader("X-Webhook-Signature", String.class);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
            if (header == null || !MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
                throw new Refused(401, "bad signature");
            }
        }
        JsonNode report = mapper.readTree(body);
        String adwId = report.path("adw_id").asText("");
        String status = report.path("status").asText("");
        String queueId = report.path("queue_id").asText("");
        if (adwId.isEmpty() || queueId.isEmpty() || !("completed".equals(status) || "failed".equals(status))) {
            throw new Refused(400, "adw_id, status and queue_id are required");
        }
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((adwId + ":" + status + ":" + queueId).getBytes(StandardCharsets.UTF_8));
        exchange.getMessage().setHeader(KEY, HexFormat.of().formatHex(digest));
        exchange.setProperty("report", report);
    }

    private void apply(Exchange exchange) throws SQLException {
        JsonNode report = exchange.getProperty("report", JsonNode.class);
        String queueId = report.path("queue_id").asText();
        boolean completed = "completed".equals(report.path("status").asText());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                String body = completed ? complete(connection, queueId, report.path("adw_id").asText())
                        : fail(connection, queueId, report);
                connection.commit();
                exchange.getMessage().setBody(body);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static String complete(Connection connection, String queueId, String adwId) throws SQLException {
        Integer phase = null;
        int issue = 0;
        try (PreparedStatement update = connection.prepareStatement("UPDATE phase_queue SET status = 'completed',"
                + " adw_id = ?, error_message = NULL, updated_at = now() WHERE queue_id = ? AND status <> 'completed'"
                + " RETURNING parent_issue, phase_number")) {
            update.setString(1, adwId);
            update.setString(2, queueId);
            try (ResultSet rows = update.executeQuery()) {
                if (rows.next()) {
                    issue = rows.getInt(1);
                    phase = rows.getInt(2);
                }
            }
        }
        if (phase == null) {
            return "{\"success\":true,\"message\":\"Phase " + queueId + " was already completed\","
                    + "\"phase_updated\":false,\"next_phase_triggered\":false}";
        }
        int triggered;
        try (PreparedStatement next = connection.prepareStatement("UPDATE phase_queue SET status = 'ready',"
                + " updated_at = now() WHERE parent_issue = ? AND phase_number = ? AND status = 'queued'")) {
            next.setInt(1, issue);
            next.setInt(2, phase + 1);
            triggered = next.executeUpdate();
        }
        return "{\"success\":true,\"message\":\"Phase " + queueId + " completed" + (triggered > 0
                ? "; next phase triggered\",\"phase_updated\":true,\"next_phase_triggered\":true}"
                : "\",\"phase_updated\":true,\"next_phase_triggered\":false}");
    }

    private static String fail(Connection connection, String queueId, JsonNode report) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE phase_queue SET status = 'failed',"
                + " adw_id = ?, error_message = ?, updated_at = now() WHERE queue_id = ?")) {
            update.setString(1, report.path("adw_id").asText());
            update.setString(2, report.path("error_message").asText(null));
            update.setString(3, queueId);
            update.executeUpdate();
        }
        return "{\"success\":true,\"message\":\"Phase " + queueId + " marked failed\",\"phase_updated\":true,"
                + "\"next_phase_triggered\":false}";
    }

    /** A request refused before the idempotent consumer: answered with its status, never recorded. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
