package io.hookguard.http;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Jetty's defences against oversized and slow requests. Headers are limited to 8 KiB (431 above). A request body is
 * read without holding a thread before the route runs, so clients that send their body slowly or not at all cannot
 * take the server's threads; a connection that sends nothing for the idle timeout is closed, and so is one whose
 * body has not fully arrived within the idle timeout of its headers, however it trickles in.
 */
final class JettyLimits {

    static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;

    private JettyLimits() {
    }

    static void apply(JavalinConfig javalin, Duration idleTimeout, long maxBodyBytes) {
        long idleMillis = idleTimeout.toMillis();
        javalin.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
            http.setIdleTimeout(idleMillis);
        });
        javalin.jetty.modifyServer(server -> {
            // Javalin puts its servlet context inside the innermost wrapper set here
            server.setHandler(new BodyDeadlineHandler(
                    new EagerContentHandler(new EagerContentHandler.RetainedContentLoaderFactory(maxBodyBytes + 1, -1,
                            false)),
                    idleTimeout));
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    for (Connector connector : server.getConnectors()) {
                        if (connector instanceof AbstractConnector abstractConnector) {
                            abstractConnector.setIdleTimeout(idleMillis);
                        }
                    }
                }
            });
        });
    }
}
