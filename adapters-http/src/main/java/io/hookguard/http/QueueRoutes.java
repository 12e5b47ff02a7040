package io.hookguard.http;

import io.hookguard.domain.queue.CreatePhases;
import io.hookguard.domain.queue.CreatePhasesCommand;
import io.hookguard.domain.queue.ListIssuePhases;
import io.hookguard.domain.queue.ParentIssue;
import io.hookguard.domain.queue.PhaseEntry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** Operator routes of the phase queue: plan an issue's phases, read them back. */
final class QueueRoutes {

    private final CreatePhases createPhases;
    private final ListIssuePhases listIssuePhases;
    private final RequestBodies bodies;
    private final RequestParsers parsers;
    private final AdminAuth adminAuth;

    QueueRoutes(HttpUseCases useCases, RequestBodies bodies, RequestParsers parsers, AdminAuth adminAuth) {
        this.createPhases = useCases.createPhases();
        this.listIssuePhases = useCases.listIssuePhases();
        this.bodies = bodies;
        this.parsers = parsers;
        this.adminAuth = adminAuth;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/queue", adminAuth.protect(this::create));
        routes.get("/api/v1/queue/{parent_issue}", adminAuth.protect(this::list));
    }

    private void create(Context ctx) {
        CreatePhasesCommand command = parsers.createPhases(bodies.readJson(ctx));
        List<PhaseEntry> created = createPhases.create(command);
        ctx.status(201).json(JsonViews.issuePhases(command.parentIssue(), created));
    }

    private void list(Context ctx) {
        ParentIssue issue = RequestParsers.parentIssue(ctx.pathParam("parent_issue"));
        List<PhaseEntry> phases = listIssuePhases.list(issue);
        if (phases.isEmpty()) {
            throw new ProblemException(ProblemMapper.notFound("no phases for parent_issue " + issue));
        }
        ctx.json(JsonViews.issuePhases(issue, phases));
    }
}
