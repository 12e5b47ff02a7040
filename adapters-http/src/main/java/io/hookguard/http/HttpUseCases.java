package io.hookguard.http;

import io.hookguard.domain.github.ListGithubDeliveries;
import io.hookguard.domain.github.ReceiveGithubDelivery;
import io.hookguard.domain.idempotency.CleanUpExpiredEvents;
import io.hookguard.domain.idempotency.InspectWebhookEvents;
import io.hookguard.domain.queue.CompleteWorkflow;
import io.hookguard.domain.queue.CreatePhases;
import io.hookguard.domain.queue.ListIssuePhases;
import io.hookguard.http.console.ConsoleUseCases;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/** The use cases the routes call, and the readiness check of the store. */
public record HttpUseCases(
        CompleteWorkflow completeWorkflow,
        ReceiveGithubDelivery receiveGithubDelivery,
        CreatePhases createPhases,
        ListIssuePhases listIssuePhases,
        ListGithubDeliveries listGithubDeliveries,
        InspectWebhookEvents inspectWebhookEvents,
        CleanUpExpiredEvents cleanUpExpiredEvents,
        ConsoleUseCases console,
        BooleanSupplier storeReady,
        MessageUseCases messages) {

    /** Use cases without an outbox: the message routes list nothing. */
    public HttpUseCases(CompleteWorkflow completeWorkflow, ReceiveGithubDelivery receiveGithubDelivery,
            CreatePhases createPhases, ListIssuePhases listIssuePhases, ListGithubDeliveries listGithubDeliveries,
            InspectWebhookEvents inspectWebhookEvents, CleanUpExpiredEvents cleanUpExpiredEvents,
            ConsoleUseCases console, BooleanSupplier storeReady) {
        this(completeWorkflow, receiveGithubDelivery, createPhases, listIssuePhases, listGithubDeliveries,
                inspectWebhookEvents, cleanUpExpiredEvents, console, storeReady, MessageUseCases.empty());
    }

    public HttpUseCases {
        Objects.requireNonNull(completeWorkflow, "completeWorkflow");
        Objects.requireNonNull(receiveGithubDelivery, "receiveGithubDelivery");
        Objects.requireNonNull(createPhases, "createPhases");
        Objects.requireNonNull(listIssuePhases, "listIssuePhases");
        Objects.requireNonNull(listGithubDeliveries, "listGithubDeliveries");
        Objects.requireNonNull(inspectWebhookEvents, "inspectWebhookEvents");
        Objects.requireNonNull(cleanUpExpiredEvents, "cleanUpExpiredEvents");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(storeReady, "storeReady");
        Objects.requireNonNull(messages, "messages");
    }

    public HttpUseCases withConsole(ConsoleUseCases otherConsole) {
        return new HttpUseCases(completeWorkflow, receiveGithubDelivery, createPhases, listIssuePhases,
                listGithubDeliveries, inspectWebhookEvents, cleanUpExpiredEvents, otherConsole, storeReady, messages);
    }

    public HttpUseCases withMessages(MessageUseCases otherMessages) {
        return new HttpUseCases(completeWorkflow, receiveGithubDelivery, createPhases, listIssuePhases,
                listGithubDeliveries, inspectWebhookEvents, cleanUpExpiredEvents, console, storeReady, otherMessages);
    }
}
