// A forwarding destination for bench.sh: answers every POST with 200 at once on loopback and counts what it got.
// Usage: java scripts/bench/Sink.java PORT — GET /count answers the number of requests received so far.
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

public class Sink {
    public static void main(String[] args) throws Exception {
        AtomicLong received = new AtomicLong();
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 256);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "GET".equals(exchange.getRequestMethod())
                    ? Long.toString(received.get()).getBytes(StandardCharsets.US_ASCII)
                    : new byte[0];
            if (!"GET".equals(exchange.getRequestMethod())) {
                received.incrementAndGet();
            }
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("sink listening on " + server.getAddress().getPort());
    }
}
