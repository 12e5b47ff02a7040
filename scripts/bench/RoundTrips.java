// Counts round trips between a client and PostgreSQL for bench.sh: a TCP relay (LISTEN_PORT -> PG_HOST:PG_PORT)
// that counts the server's ReadyForQuery messages, which end every round trip of the extended and the simple
// protocol. Connect with sslmode=disable so the stream is plain protocol messages from the first byte.
// Usage: java scripts/bench/RoundTrips.java LISTEN_PORT PG_HOST PG_PORT; connecting to LISTEN_PORT+1 (the
// control port) answers the running total.
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

public class RoundTrips {
    static final AtomicLong READY = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int listen = Integer.parseInt(args[0]);
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        ServerSocket control = new ServerSocket(listen + 1, 8, InetAddress.getLoopbackAddress());
        daemon(() -> {
            while (true) {
                try (Socket s = control.accept()) {
                    s.getOutputStream().write((READY.get() + "\n").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        });
        try (ServerSocket server = new ServerSocket(listen, 64, InetAddress.getLoopbackAddress())) {
            System.out.println("relay listening on " + listen);
            while (true) {
                Socket client = server.accept();
                Socket pg = new Socket(host, port);
                client.setTcpNoDelay(true);
                pg.setTcpNoDelay(true);
                daemon(() -> copy(client, pg));
                daemon(() -> countingCopy(pg, client));
            }
        }
    }

    static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // one side closed
        } finally {
            close(from, to);
        }
    }

    /** Server to client: whole messages (type byte, length, payload); 'Z' is ReadyForQuery. */
    static void countingCopy(Socket from, Socket to) {
        try (DataInputStream in = new DataInputStream(from.getInputStream()); OutputStream out = to.getOutputStream()) {
            byte[] header = new byte[5];
            while (true) {
                in.readFully(header);
                int length = ((header[1] & 0xff) << 24) | ((header[2] & 0xff) << 16) | ((header[3] & 0xff) << 8)
                        | (header[4] & 0xff);
                byte[] body = new byte[length - 4];
                in.readFully(body);
                if (header[0] == 'Z') {
                    READY.incrementAndGet();
                }
                out.write(header);
                out.write(body);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException ignored) {
            // one side closed
        } finally {
            close(from, to);
        }
    }

    static void daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
    }

    static void close(Socket a, Socket b) {
        try { a.close(); } catch (IOException ignored) { }
        try { b.close(); } catch (IOException ignored) { }
    }
}
