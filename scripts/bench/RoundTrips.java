// Counts round trips between a client and PostgreSQL for bench.sh: a TCP relay (LISTEN_PORT -> PG_HOST:PG_PORT).
// A round trip is a client turn: the client sends after the server answered with a ReadyForQuery, i.e. the client
// had to wait for the server. Messages the client sends without waiting (a simple-protocol BEGIN pipelined before
// the statement that follows it, several statements before one Sync) are one turn, though the server ends each
// simple query with a ReadyForQuery of its own; the relay counts those messages too. Connect with sslmode=disable
// so the stream is plain protocol messages from the first byte.
// Usage: java scripts/bench/RoundTrips.java LISTEN_PORT PG_HOST PG_PORT; connecting to LISTEN_PORT+1 (the
// control port) answers the running totals: "<turns> <ReadyForQuery messages>".
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

public class RoundTrips {
    static final AtomicLong READY = new AtomicLong();
    static final AtomicLong TURNS = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int listen = Integer.parseInt(args[0]);
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        ServerSocket control = new ServerSocket(listen + 1, 8, InetAddress.getLoopbackAddress());
        daemon(() -> {
            while (true) {
                try (Socket s = control.accept()) {
                    s.getOutputStream().write((TURNS.get() + " " + READY.get() + "\n").getBytes(StandardCharsets.US_ASCII));
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
                AtomicBoolean answered = new AtomicBoolean(true);
                daemon(() -> turnCountingCopy(client, pg, answered));
                daemon(() -> countingCopy(pg, client, answered));
            }
        }
    }

    /** Client to server, as it comes; a read after the server's last ReadyForQuery starts a turn. */
    static void turnCountingCopy(Socket from, Socket to, AtomicBoolean answered) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (answered.getAndSet(false)) {
                    TURNS.incrementAndGet();
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side closed
        } finally {
            close(from, to);
        }
    }

    /** Server to client: whole messages (type byte, length, payload); 'Z' is ReadyForQuery. */
    static void countingCopy(Socket from, Socket to, AtomicBoolean answered) {
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
                    answered.set(true);
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
