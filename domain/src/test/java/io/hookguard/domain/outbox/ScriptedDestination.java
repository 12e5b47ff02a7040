package io.hookguard.domain.outbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A destination for tests that answers from a script (then with a default) and records what it was sent, in order.
 */
public final class ScriptedDestination implements Destination {

    private final DestinationName name;
    private final Deque<AttemptResult> script = new ArrayDeque<>();
    private final List<OutboundMessage> received = new ArrayList<>();
    private Function<OutboundMessage, AttemptResult> otherwise = message -> delivered();

    public ScriptedDestination(String name) {
        this.name = new DestinationName(name);
    }

    public static AttemptResult delivered() {
        return new AttemptResult.Delivered(200, "ok");
    }

    public static AttemptResult failed(int status) {
        return new AttemptResult.Failed(status, "status " + status);
    }

    public static AttemptResult refused() {
        return new AttemptResult.Refused(410, "gone");
    }

    /** The next answers, in order. */
    public synchronized ScriptedDestination thenAnswer(AttemptResult... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** The answer once the script is used up. */
    public synchronized ScriptedDestination otherwise(Function<OutboundMessage, AttemptResult> answer) {
        otherwise = answer;
        return this;
    }

    /** The messages sent, in the order of the attempts. */
    public synchronized List<OutboundMessage> received() {
        return List.copyOf(received);
    }

    @Override
    public DestinationName name() {
        return name;
    }

    @Override
    public synchronized AttemptResult send(OutboundMessage message) {
        received.add(message);
        AttemptResult next = script.poll();
        return next != null ? next : otherwise.apply(message);
    }
}
