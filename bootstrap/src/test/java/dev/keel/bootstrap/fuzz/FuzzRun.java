package dev.keel.bootstrap.fuzz;

import java.util.Random;
import java.util.UUID;

/**
 * One run: the seeded sequence of generated requests, each checked as it is answered, whole list
 * walks every so often, then the races. Sequential but for the races, so the model is exact.
 */
final class FuzzRun {

    private static final int WALK_EVERY = 250;

    private final ApiDescription api;
    private final RawHttpClient http;
    private final FuzzSettings settings;

    FuzzRun(ApiDescription api, RawHttpClient http, FuzzSettings settings) {
        this.api = api;
        this.http = http;
        this.settings = settings;
    }

    FuzzReport run() {
        Random random = new Random(settings.seed());
        // Names must not collide with an earlier run's on the same database; the tag is not drawn from the seed.
        ResourceModel model = new ResourceModel();
        ValidValues values =
                new ValidValues(random, UUID.randomUUID().toString().substring(0, 6), model);
        FuzzReport report = new FuzzReport(settings);
        RequestFactory factory = new RequestFactory(api, model, random, values);
        StepChecker checker = new StepChecker(api, http, model, factory, report);
        ListWalk walks = new ListWalk(http, model, checker, report, random, values);
        for (int step = 1; step <= settings.requests(); step++) {
            Step next = factory.next();
            checker.check(step, next, http.send(next.request()));
            if (step % WALK_EVERY == 0) {
                for (ApiOperation list : api.of(OperationKind.LIST)) {
                    walks.walk(step, list);
                }
            }
        }
        new Races(api, http, checker, model, report, factory).run(settings.requests());
        int end = settings.requests();
        api.of(OperationKind.LIST).forEach(list -> walks.walk(end, list));
        return report;
    }
}
