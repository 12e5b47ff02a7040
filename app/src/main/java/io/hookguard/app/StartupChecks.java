package io.hookguard.app;

import io.hookguard.persistence.ConnectionFailure;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What is checked before anything is opened, and how a failure to start is told to the operator: each check
 * throws a {@link StartupException} whose message is the one line to print.
 */
final class StartupChecks {

    private static final String DATA_DIR_HINT = "set HOOKGUARD_DATA_DIR to a directory Hookguard can write to";

    private StartupChecks() {
    }

    /**
     * Resolves the host and binds its port, before the database is opened or migrated. The returned socket holds
     * the port until the HTTP server is about to take it over. With port 0 (any free port) the check still proves
     * that the host is an address of this machine.
     */
    static ServerSocket reservePort(HookguardConfig config) {
        InetAddress address;
        try {
            address = InetAddress.getByName(config.host());
        } catch (UnknownHostException e) {
            throw new StartupException("HOOKGUARD_HOST '" + config.host() + "' does not resolve to an address: "
                    + "set it to an IP address such as 127.0.0.1 or to a host name this machine can resolve", e);
        }
        try {
            ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(address, config.port()));
                return socket;
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        } catch (IOException e) {
            throw bindFailure(config, e);
        }
    }

    /** The one line for a failure to listen on the configured host and port. */
    static StartupException bindFailure(HookguardConfig config, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof BindException && message.contains("in use")) {
            return new StartupException("port " + config.port() + " on " + config.host() + " is already in use: "
                    + "stop the process listening there or set HOOKGUARD_PORT to a free port", e);
        }
        if (e instanceof BindException && message.contains("assign requested address")) {
            return new StartupException("HOOKGUARD_HOST '" + config.host() + "' is not an address of this machine: "
                    + "set it to one of its addresses, 127.0.0.1 or 0.0.0.0", e);
        }
        return new StartupException("cannot listen on " + config.host() + ":" + config.port() + " (" + message
                + "): check HOOKGUARD_HOST and HOOKGUARD_PORT", e);
    }

    /** Makes sure the embedded database's directory exists and can be written, before H2 tries to. */
    static void checkDataDirectory(HookguardConfig config) {
        if (!config.embedded()) {
            return;
        }
        Path directory = config.dataDirectory().toAbsolutePath().normalize();
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new StartupException("data directory " + directory + " is a file, not a directory: "
                    + DATA_DIR_HINT, null);
        }
        if (!Files.exists(directory)) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new StartupException("data directory " + directory + " does not exist and cannot be created: "
                        + "create it or " + DATA_DIR_HINT, e);
            }
        }
        try {
            Files.delete(Files.createTempFile(directory, ".hookguard-write-check", ".tmp"));
        } catch (IOException e) {
            throw new StartupException("data directory " + directory + " is not writable: make it writable or "
                    + DATA_DIR_HINT, e);
        }
    }

    /**
     * The one line for a failure to open or migrate the database, when it is one an operator can act on;
     * {@code null} otherwise.
     */
    static StartupException databaseFailure(HookguardConfig config, RuntimeException e) {
        String where = config.embedded() ? null : UrlMasking.mask(config.effectiveDatabaseUrl());
        if (where != null && causedBy(e, UnknownHostException.class)) {
            return new StartupException("the database host in " + where + " does not resolve: "
                    + "correct the host in HOOKGUARD_DATABASE_URL", e);
        }
        return switch (ConnectionFailure.of(e)) {
            case LOCKED_BY_ANOTHER_PROCESS -> new StartupException("the embedded database in "
                    + config.dataDirectory().toAbsolutePath().normalize() + " is in use by another Hookguard process "
                    + "(a server, migrate or cleanup): stop it first; a running server does a cleanup pass on "
                    + "POST /api/v1/admin/cleanup", e);
            case REFUSED -> new StartupException("the database at " + where + " refused the connection: "
                    + "check that PostgreSQL is running there and that HOOKGUARD_DATABASE_URL names its host and port",
                    e);
            case CREDENTIALS_REJECTED -> new StartupException("the database at " + where + " rejected the user "
                    + "or password: check HOOKGUARD_DATABASE_USER and HOOKGUARD_DATABASE_PASSWORD "
                    + "(or user and password in HOOKGUARD_DATABASE_URL)", e);
            case DATABASE_MISSING -> new StartupException("the database at " + where + " does not exist: "
                    + "create it or correct the database name in HOOKGUARD_DATABASE_URL", e);
            case UNKNOWN -> null;
        };
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
