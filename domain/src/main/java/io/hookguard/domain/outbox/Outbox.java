package io.hookguard.domain.outbox;

import java.util.List;

/**
 * Where a unit of work writes the messages of what it accepted. The messages commit with the claim, the effect
 * and the completion, or not at all.
 */
public interface Outbox {

    void append(List<OutboundMessage> messages);
}
