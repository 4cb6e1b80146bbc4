package dev.stepline.imagebuilder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.stepline.engine.Engine;
import dev.stepline.engine.WorkItem;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.imagebuilder.model.BuildType;
import software.amazon.awssdk.services.imagebuilder.model.ImagePipeline;
import software.amazon.awssdk.services.imagebuilder.model.ImageStatus;
import software.amazon.awssdk.services.imagebuilder.model.ImageSummary;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidParameterValueException;
import software.amazon.awssdk.services.imagebuilder.model.InvalidRequestException;
import software.amazon.awssdk.services.imagebuilder.model.PipelineExecutionStartCondition;
import software.amazon.awssdk.services.imagebuilder.model.ResourceNotFoundException;
import software.amazon.awssdk.services.imagebuilder.model.Schedule;
import software.amazon.awssdk.services.imagebuilder.model.WorkflowType;
import tools.jackson.databind.node.JsonNodeFactory;

/** Pipeline schedules fire on the engine clock: once per fire time, never when disabled or deleted, no catch-up. */
class PipelineSchedulesTest {
    private static final String HOURLY = "cron(0 * * * ? *)";

    static Ib ib;
    static String infra;

    @BeforeAll
    static void start() {
        ib = Ib.start(0);
        infra = ib.infrastructure("sched-infra");
    }

    @AfterAll
    static void stop() throws Exception {
        ib.close();
    }

    private static Schedule hourly(PipelineExecutionStartCondition condition) {
        return Schedule.builder().scheduleExpression(HOURLY).timezone("Etc/UTC").pipelineExecutionStartCondition(condition)
                .build();
    }

    private String pipeline(String name, String recipe, Schedule schedule, String status) {
        return ib.ib.createImagePipeline(r -> r.name(name).imageRecipeArn(recipe).infrastructureConfigurationArn(infra)
                .schedule(schedule).status(status).clientToken(UUID.randomUUID().toString())).imagePipelineArn();
    }

    private ImagePipeline get(String pipeline) {
        return ib.ib.getImagePipeline(r -> r.imagePipelineArn(pipeline)).imagePipeline();
    }

    private List<ImageSummary> images(String pipeline) {
        return ib.ib.listImagePipelineImages(r -> r.imagePipelineArn(pipeline)).imageSummaryList();
    }

    private Instant now() {
        return ib.server.server().clock().instant();
    }

    /** Waits until the pipeline's schedule has no fire left to handle: its next run is ahead and no fire is running. */
    private void awaitSettled(String pipeline) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            String next = get(pipeline).dateNextRun();
            long pending = ib.server.server().engine().database().read(tx -> tx.query(
                    "SELECT COUNT(*) FROM work_item WHERE execution_id LIKE ? AND item_key LIKE 'fire:%'",
                    row -> row.getLong(1), pipeline + "/schedule/%").get(0));
            return pending == 0 && (next == null || Instant.parse(next).isAfter(now()));
        });
    }

    @Test
    void anHourlyScheduleFiresOncePerHourWithoutCatchingUp() {
        String pipeline = pipeline("hourly", ib.recipe("hourly-recipe"), hourly(PipelineExecutionStartCondition.EXPRESSION_MATCH_ONLY),
                null);
        Instant nextHour = now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        assertThat(Instant.parse(get(pipeline).dateNextRun())).isEqualTo(nextHour);
        assertThat(images(pipeline)).isEmpty();

        ib.advance(Duration.ofHours(1));
        awaitSettled(pipeline);
        List<ImageSummary> first = images(pipeline);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).buildType()).isEqualTo(BuildType.SCHEDULED);
        assertThat(Instant.parse(get(pipeline).dateNextRun())).isEqualTo(nextHour.plus(Duration.ofHours(1)));
        assertThat(get(pipeline).dateLastRun()).matches(Ib.DATE);

        // the engine runs a task at least once: the same fire delivered again (a crash, a second node) starts nothing new
        Engine engine = ib.server.server().engine();
        String schedule = engine.database().read(tx -> tx.query("SELECT execution_id FROM work_item WHERE execution_id LIKE ?",
                row -> row.getString(1), pipeline + "/schedule/%").get(0));
        WorkItem repeat = new WorkItem("fire:" + nextHour.toEpochMilli(), WorkItem.Kind.TASK, now().toEpochMilli(), null,
                JsonNodeFactory.instance.objectNode().put("fireMs", nextHour.toEpochMilli()).put("pipelineArn", pipeline)
                        .put("scheduleId", schedule.substring(schedule.lastIndexOf('/') + 1))
                        .put("dependencyUpdates", false));
        engine.database().write(tx -> {
            engine.store(tx, schedule, repeat);
            return null;
        });
        engine.dispatch(schedule, repeat);
        awaitSettled(pipeline);
        assertThat(images(pipeline)).hasSize(1);

        // five fire times pass while nothing runs them: one build, then the schedule goes on from now
        ib.advance(Duration.ofHours(5));
        awaitSettled(pipeline);
        assertThat(images(pipeline)).hasSize(2);
        assertThat(Instant.parse(get(pipeline).dateNextRun()))
                .isEqualTo(now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));

        ib.ib.deleteImagePipeline(r -> r.imagePipelineArn(pipeline));
        ib.advance(Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> ib.server.server().engine().database().read(tx -> tx.query(
                "SELECT COUNT(*) FROM work_item WHERE execution_id LIKE ?", row -> row.getLong(1),
                pipeline + "/schedule/%").get(0)) == 0);
        assertThat(ib.ib.listImages(r -> r.filters(f -> f.name("name").values("hourly-recipe"))).imageVersionList())
                .hasSize(1);
        assertThat(ib.ib.listImageBuildVersions(r -> r.imageVersionArn(Ib.PREFIX + "image/hourly-recipe/1.0.0"))
                .imageSummaryList()).hasSize(2);
    }

    @Test
    void aDisabledPipelineDoesNotFireUntilEnabledByAnUpdate() {
        String recipe = ib.recipe("off-recipe");
        String pipeline = pipeline("off", recipe, hourly(PipelineExecutionStartCondition.EXPRESSION_MATCH_ONLY),
                "DISABLED");
        assertThat(get(pipeline).dateNextRun()).isNull();
        ib.advance(Duration.ofHours(2));
        awaitSettled(pipeline);
        assertThat(images(pipeline)).isEmpty();

        ib.ib.updateImagePipeline(r -> r.imagePipelineArn(pipeline).imageRecipeArn(recipe)
                .infrastructureConfigurationArn(infra).description("now on")
                .schedule(hourly(PipelineExecutionStartCondition.EXPRESSION_MATCH_ONLY)).status("ENABLED")
                .clientToken(UUID.randomUUID().toString()));
        ImagePipeline enabled = get(pipeline);
        assertThat(enabled.description()).isEqualTo("now on");
        assertThat(enabled.dateUpdated()).matches(Ib.DATE);
        assertThat(enabled.dateNextRun()).matches(Ib.DATE);
        ib.advance(Duration.ofHours(1));
        awaitSettled(pipeline);
        assertThat(images(pipeline)).hasSize(1);

        ib.ib.updateImagePipeline(r -> r.imagePipelineArn(pipeline).imageRecipeArn(recipe)
                .infrastructureConfigurationArn(infra)
                .schedule(hourly(PipelineExecutionStartCondition.EXPRESSION_MATCH_ONLY)).status("DISABLED")
                .clientToken(UUID.randomUUID().toString()));
        assertThat(get(pipeline).dateNextRun()).isNull();
        ib.advance(Duration.ofHours(3));
        awaitSettled(pipeline);
        assertThat(images(pipeline)).hasSize(1);
    }

    @Test
    void dependencyUpdatesFireOnlyWhenAComponentVersionChanged() {
        String component = ib.ib.createComponent(r -> r.name("dep-comp").semanticVersion("1.0.0").platform("Linux")
                .data(COMPONENT).clientToken(UUID.randomUUID().toString())).componentBuildVersionArn();
        String recipe = ib.ib.createImageRecipe(r -> r.name("dep-recipe").semanticVersion("1.0.0")
                .parentImage("ami-0123456789abcdef0")
                .components(c -> c.componentArn(Ib.PREFIX + "component/dep-comp/x.x.x"))
                .clientToken(UUID.randomUUID().toString())).imageRecipeArn();
        // the default start condition is EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE
        String pipeline = pipeline("deps", recipe, Schedule.builder().scheduleExpression(HOURLY).build(), null);
        ib.advance(Duration.ofHours(1));
        awaitSettled(pipeline);
        assertThat(images(pipeline)).hasSize(1);

        ib.advance(Duration.ofHours(1));
        awaitSettled(pipeline);
        assertThat(images(pipeline)).as("nothing changed since %s", component).hasSize(1);

        ib.ib.createComponent(r -> r.name("dep-comp").semanticVersion("1.0.1").platform("Linux").data(COMPONENT)
                .clientToken(UUID.randomUUID().toString()));
        ib.advance(Duration.ofHours(1));
        awaitSettled(pipeline);
        assertThat(images(pipeline)).hasSize(2);
    }

    @Test
    void failingScheduledBuildsDisableThePipelineByItsAutoDisablePolicy() {
        String recipe = ib.recipe("failing-recipe");
        String workflow = ib.workflow("always-fails", WorkflowType.BUILD, """
                schemaVersion: 1.0
                steps:
                  - name: Launch
                    action: LaunchInstance
                    inputs:
                      waitFor: ssmAgent
                """);
        ib.fault("always-fails", "Launch", "FAIL", 0);
        String pipeline = ib.ib.createImagePipeline(r -> r.name("flaky").imageRecipeArn(recipe)
                .infrastructureConfigurationArn(infra).workflows(Ib.use(workflow)).executionRole(Ib.ROLE)
                .schedule(s -> s.scheduleExpression(HOURLY).pipelineExecutionStartCondition("EXPRESSION_MATCH_ONLY")
                        .autoDisablePolicy(p -> p.failureCount(2)))
                .clientToken(UUID.randomUUID().toString())).imagePipelineArn();
        assertThat(get(pipeline).consecutiveFailures()).isZero();
        for (int run = 1; run <= 2; run++) {
            ib.advance(Duration.ofHours(1));
            awaitSettled(pipeline);
            ib.awaitStatus(images(pipeline).get(0).arn(), ImageStatus.FAILED);
            assertThat(get(pipeline).consecutiveFailures()).isEqualTo(run);
            assertThat(get(pipeline).statusAsString()).isEqualTo("ENABLED");
        }
        // the next fire finds two failures in a row: the pipeline is disabled instead of building
        ib.advance(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> get(pipeline).statusAsString().equals("DISABLED"));
        assertThat(get(pipeline).dateNextRun()).isNull();
        assertThat(images(pipeline)).hasSize(2);
    }

    @Test
    void badSchedulesAreRefused() {
        String recipe = ib.recipe("bad-recipe");
        for (String expression : List.of("cron(0 * * * * *)", "rate(1 hour)", "cron(61 * * * ? *)", "0 * * * ? *")) {
            InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> pipeline("bad", recipe,
                    Schedule.builder().scheduleExpression(expression).build(), null));
            assertThat(e).as(expression).isNotNull();
            assertThat(e.awsErrorDetails().errorMessage())
                    .startsWith("The value supplied for parameter 'schedule.scheduleExpression' is not valid.");
        }
        InvalidRequestException zone = catchThrowableOfType(InvalidRequestException.class, () -> pipeline("bad", recipe,
                Schedule.builder().scheduleExpression(HOURLY).timezone("Mars/Olympus").build(), null));
        assertThat(zone.awsErrorDetails().errorMessage()).contains("'schedule.timezone'");
        assertThat(catchThrowableOfType(InvalidParameterValueException.class, () -> pipeline("bad", recipe,
                Schedule.builder().scheduleExpression(HOURLY).timezone("+01:00").build(), null))).isNotNull();
        assertThat(ib.ib.listImagePipelines(r -> r.filters(f -> f.name("name").values("bad"))).imagePipelineList())
                .isEmpty();

        // UpdateImagePipeline checks the same, and needs an existing pipeline
        String pipeline = pipeline("to-update", recipe, null, null);
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> ib.ib.updateImagePipeline(r -> r
                .imagePipelineArn(pipeline).imageRecipeArn(recipe).infrastructureConfigurationArn(infra)
                .schedule(s -> s.scheduleExpression("rate(5 minutes)")).clientToken(UUID.randomUUID().toString()))))
                .isNotNull();
        assertThat(catchThrowableOfType(InvalidParameterCombinationException.class, () -> ib.ib.updateImagePipeline(r -> r
                .imagePipelineArn(pipeline).infrastructureConfigurationArn(infra).clientToken(UUID.randomUUID().toString()))))
                .isNotNull();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> ib.ib.updateImagePipeline(r -> r
                .imagePipelineArn(Ib.PREFIX + "image-pipeline/nope").imageRecipeArn(recipe)
                .infrastructureConfigurationArn(infra).clientToken(UUID.randomUUID().toString())))).isNotNull();
        assertThat(get(pipeline).dateNextRun()).isNull();
        assertThat(get(pipeline).consecutiveFailures()).isNull();
    }

    private static final String COMPONENT = """
            name: dep
            schemaVersion: 1.0
            phases:
              - name: build
                steps:
                  - name: Hello
                    action: ExecuteBash
                    inputs:
                      commands: ["echo hi"]
            """;
}
