package dev.stepline.imagebuilder.managed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.imagebuilder.WorkflowType;
import dev.stepline.imagebuilder.document.StepAction;
import dev.stepline.imagebuilder.document.WorkflowDocument;
import dev.stepline.imagebuilder.document.WorkflowStep;

import org.junit.jupiter.api.Test;

class ManagedWorkflowsTest {
    @Test
    void loadsTheSixDefaultWorkflows() {
        assertThat(ManagedWorkflows.all())
                .extracting(w -> w.type() + " " + w.name() + " " + w.buildVersion())
                .containsExactly(
                        "BUILD build-image 1.0.3/1",
                        "TEST test-image 1.0.3/1",
                        "BUILD build-container 1.0.0/1",
                        "TEST test-container 1.0.0/1",
                        "DISTRIBUTION distribute-image 1.0.0/1",
                        "DISTRIBUTION distribute-container 1.0.0/1");
    }

    @Test
    void everyDocumentParsesForItsOwnType() {
        for (ManagedWorkflow w : ManagedWorkflows.all()) {
            assertThat(WorkflowDocument.parse(w.data(), w.type())).isEqualTo(w.document());
            assertThat(w.document().name()).contains(w.name());
            assertThat(w.description()).isNotBlank();
        }
    }

    @Test
    void buildImageHasTheReferenceShape() {
        ManagedWorkflow w = ManagedWorkflows.find(WorkflowType.BUILD, "build-image").orElseThrow();
        assertThat(w.document().steps()).extracting(WorkflowStep::name).containsExactly(
                "LaunchBuildInstance", "ApplyBuildComponents", "InventoryCollection", "RunSanitizeScript",
                "RunSysPrepScript", "CreateOutputAMI", "TerminateBuildInstance");
        assertThat(w.document().outputs()).extracting(o -> o.name()).containsExactly("ImageId");
        assertThat(w.arn("us-west-2"))
                .hasToString("arn:aws:imagebuilder:us-west-2:aws:workflow/build/build-image/1.0.3/1");
    }

    @Test
    void containerWorkflowsHandTheInstanceOn() {
        ManagedWorkflow build = ManagedWorkflows.find(WorkflowType.BUILD, "build-container").orElseThrow();
        assertThat(build.document().outputs()).extracting(o -> o.name()).containsExactly("InstanceId");
        assertThat(build.document().steps()).noneMatch(s -> s.action() == StepAction.TERMINATE_INSTANCE);
        ManagedWorkflow distribute = ManagedWorkflows.find(WorkflowType.DISTRIBUTION, "distribute-container")
                .orElseThrow();
        assertThat(distribute.document().steps()).extracting(WorkflowStep::action)
                .containsExactly(StepAction.DISTRIBUTE_CONTAINER_IMAGE, StepAction.TERMINATE_INSTANCE);
        assertThat(ManagedWorkflows.find(WorkflowType.TEST, "build-image")).isEmpty();
    }
}
