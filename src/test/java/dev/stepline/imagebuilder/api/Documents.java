package dev.stepline.imagebuilder.api;

/** Workflow and component documents the API tests create resources from. */
final class Documents {
    private Documents() {}

    /** A BUILD workflow with one parameter, as in the get-workflow CLI example. */
    static final String BUILD_WORKFLOW = """
            name: my-example-workflow
            description: Workflow to build an AMI, then wait for an external action before it completes
            schemaVersion: 1.0

            parameters:
              - name: waitForActionAtEnd
                type: boolean
                default: true

            steps:
              - name: LaunchBuildInstance
                action: LaunchInstance
                onFailure: Abort
                inputs:
                  waitFor: "ssmAgent"

              - name: ApplyBuildComponents
                action: ExecuteComponents
                onFailure: Abort
                inputs:
                  instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"

              - name: CreateOutputAMI
                action: CreateImage
                onFailure: Abort
                inputs:
                  instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"

              - name: TerminateBuildInstance
                action: TerminateInstance
                onFailure: Continue
                inputs:
                  instanceId.$: "$.stepOutputs.LaunchBuildInstance.instanceId"

              - name: WaitForActionAtEnd
                action: WaitForAction
                if:
                  booleanEquals: true
                  value: "$.parameters.waitForActionAtEnd"
            """;

    /** A TEST workflow without parameters. */
    static final String TEST_WORKFLOW = """
            schemaVersion: 1.0
            steps:
              - name: LaunchTestInstance
                action: LaunchInstance
                onFailure: Abort
                inputs:
                  waitFor: "ssmAgent"
              - name: TerminateTestInstance
                action: TerminateInstance
                onFailure: Continue
                inputs:
                  instanceId.$: "$.stepOutputs.LaunchTestInstance.instanceId"
            """;

    /** A component with a build phase and a parameter. */
    static final String BUILD_COMPONENT = """
            name: HelloWorldBuildDocument
            description: Says hello while building.
            schemaVersion: 1.0
            parameters:
              - greeting:
                  type: string
                  default: Hello
                  description: What to say.
            phases:
              - name: build
                steps:
                  - name: HelloWorldStep
                    action: ExecuteBash
                    inputs:
                      commands:
                        - echo "{{ greeting }} World! Build."
            """;

    /** A component whose only phase is test, so its type is TEST. */
    static final String TEST_COMPONENT = """
            name: HelloWorldTestingDocument
            description: This is hello world testing document.
            schemaVersion: 1.0

            phases:
              - name: test
                steps:
                  - name: HelloWorldStep
                    action: ExecuteBash
                    inputs:
                      commands:
                        - echo "Hello World! Test."
            """;
}
