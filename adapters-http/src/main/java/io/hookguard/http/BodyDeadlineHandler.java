package io.hookguard.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes the connection of a request whose body has not fully arrived within the deadline after its headers. The
 * idle timeout cannot catch a client that sends a byte now and then; this does, whatever the rate.
 */
final class BodyDeadlineHandler extends Handler.Wrapper {

    private final Duration deadline;

    BodyDeadlineHandler(Handler handler, Duration deadline) {
        super(handler);
        this.deadline = deadline;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!hasBody(request)) {
            return super.handle(request, response, callback);
        }
        AtomicBoolean arrived = new AtomicBoolean();
        Request tracked = new Request.Wrapper(request) {
            @Override
            public Content.Chunk read() {
                Content.Chunk chunk = super.read();
                // only the last chunk (or a terminal failure) ends the body: an idle timeout while reading is a
                // transient failure chunk, after which the body may still never come
                if (chunk != null && chunk.isLast()) {
                    arrived.set(true);
                }
                return chunk;
            }
        };
        Scheduler.Task expiry = request.getComponents().getScheduler().schedule(() -> {
            if (!arrived.get()) {
                request.getConnectionMetaData().getConnection().getEndPoint().close();
            }
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        return super.handle(tracked, response, Callback.from(callback, expiry::cancel));
    }

    private static boolean hasBody(Request request) {
        long length = request.getLength();
        return length > 0 || length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }
}
