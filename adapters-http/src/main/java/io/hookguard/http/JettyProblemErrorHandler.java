package io.hookguard.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises before a request reaches Javalin (malformed URIs, bad chunking, missing
 * Host) with the same problem+json as every other error, instead of Jetty's HTML page.
 */
final class JettyProblemErrorHandler extends ErrorHandler {

    private final ProblemMapper problems;

    JettyProblemErrorHandler(ProblemMapper problems) {
        this.problems = problems;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemMapper.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(problems.render(ProblemMapper.protocolError(code), null)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ProblemMapper.CONTENT_TYPE);
        return ByteBuffer.wrap(problems.render(ProblemMapper.protocolError(status), null));
    }
}
