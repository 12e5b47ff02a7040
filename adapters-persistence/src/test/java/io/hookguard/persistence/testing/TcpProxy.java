package io.hookguard.persistence.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP proxy in front of the test Redis that a test can cut (a crashed server, a broken network), make
 * silent (a hung server) and restore on the same port.
 */
public final class TcpProxy implements AutoCloseable {

    private static final int LOW_PORTS_FROM = 20_000;
    private static final int LOW_PORTS = 12_000;

    private static final Pattern POSTGRES_HOST_PORT = Pattern.compile("jdbc:postgresql://([^:/?]+):(\\d+)/");

    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean silent;
    private int port;

    /** A started proxy in front of the PostgreSQL server that {@code jdbcUrl} names by host and port. */
    public static TcpProxy inFrontOf(String jdbcUrl) throws IOException {
        Matcher hostPort = postgresHostPort(jdbcUrl);
        return new TcpProxy(hostPort.group(1), Integer.parseInt(hostPort.group(2))).start();
    }

    /** {@code jdbcUrl} with the server's host and port replaced by this proxy's. */
    public String route(String jdbcUrl) {
        Matcher hostPort = postgresHostPort(jdbcUrl);
        return jdbcUrl.substring(0, hostPort.start(1)) + "127.0.0.1:" + port() + jdbcUrl.substring(hostPort.end(2));
    }

    private static Matcher postgresHostPort(String jdbcUrl) {
        Matcher hostPort = POSTGRES_HOST_PORT.matcher(jdbcUrl);
        if (!hostPort.find()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host:port/ URL: " + jdbcUrl);
        }
        return hostPort;
    }

    public TcpProxy(String targetHost, int targetPort) {
        this.target = new InetSocketAddress(targetHost, targetPort);
    }

    /**
     * Listens (again) on the proxy's port. The first time it picks a free port below the usual ephemeral range
     * (32768 and up), so that no outgoing connection, such as a client reconnecting, takes it while it is cut.
     */
    public synchronized TcpProxy start() throws IOException {
        ServerSocket listener = port == 0 ? bindFreeLowPort() : rebind(port);
        port = listener.getLocalPort();
        server = listener;
        daemon("tcp-proxy-accept", () -> accept(listener));
        return this;
    }

    public synchronized int port() {
        return port;
    }

    /** Refuses new connections and cuts the open ones, as a Redis that went away. */
    public synchronized void cut() throws IOException {
        silent = false;
        if (server != null) {
            server.close();
            server = null;
        }
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    /** Keeps connections open but stops passing anything on, as a Redis that hangs. */
    public void silence() {
        silent = true;
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private static ServerSocket bindFreeLowPort() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                return bind(LOW_PORTS_FROM + ThreadLocalRandom.current().nextInt(LOW_PORTS));
            } catch (BindException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * Binds the port it had before. Sockets of the cut connections may hold the port for a moment while they
     * close, so the bind is retried for up to two seconds.
     */
    private static ServerSocket rebind(int port) throws IOException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            try {
                return bind(port);
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return listener;
        } catch (IOException e) {
            listener.close();
            throw e;
        }
    }

    private void accept(ServerSocket listener) {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 2_000);
                if (!register(listener, client, upstream)) {
                    return;
                }
                daemon("tcp-proxy-up", () -> pump(client, upstream));
                daemon("tcp-proxy-down", () -> pump(upstream, client));
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    /**
     * Keeps a connection accepted by {@code listener}, unless the proxy was cut since: then the connection is
     * closed, so that none slips through a cut that happened while it was being accepted.
     */
    private synchronized boolean register(ServerSocket listener, Socket client, Socket upstream) throws IOException {
        if (server != listener) {
            client.close();
            upstream.close();
            return false;
        }
        sockets.add(client);
        sockets.add(upstream);
        return true;
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8_192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                while (silent && !from.isClosed()) {
                    Thread.sleep(10);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // the other side went away or the proxy was cut: so does this pair
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
