package dev.stepline.sfn.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.sfn.runtime.dataflow.Json;
import dev.stepline.sfn.tasks.TaskOutcome.Failed;
import dev.stepline.sfn.tasks.TaskOutcome.Succeeded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MockConfigTest {

    static final String CONFIG = """
            {
              "StateMachines": {
                "Orders": {
                  "TestCases": {
                    "Happy": { "Charge": "ChargeOk", "Notify": "NotifySent" },
                    "Flaky": { "Charge": "ChargeFlaky" }
                  }
                },
                "Other": { "TestCases": {} }
              },
              "MockedResponses": {
                "ChargeOk": { "0": { "Return": { "StatusCode": 200, "Payload": { "charged": true, "amount": 1.50 } } } },
                "NotifySent": { "0-1": { "Return": "sent" } },
                "ChargeFlaky": {
                  "3": { "Return": { "Payload": "finally" } },
                  "0": { "Throw": { "Error": "Lambda.ServiceException", "Cause": "first" } },
                  "1-2": { "Throw": { "Error": "Lambda.TooManyRequestsException", "Cause": "throttled" } }
                },
                "Unused": {}
              }
            }
            """;

    @TempDir
    Path dir;

    private MockConfig load(String json) throws Exception {
        Path file = dir.resolve("MockConfigFile.json");
        Files.writeString(file, json);
        return MockConfig.load(file);
    }

    @Test
    void returnsTheMockedResultWithLexicalNumbersAndKeyOrder() throws Exception {
        MockConfig config = load(CONFIG);
        Optional<TaskOutcome> outcome = config.resolve("Orders", "Happy", "Charge", 0);
        assertThat(outcome).containsInstanceOf(Succeeded.class);
        assertThat(Json.compact(((Succeeded) outcome.orElseThrow()).output()))
                .isEqualTo("{\"StatusCode\":200,\"Payload\":{\"charged\":true,\"amount\":1.50}}");
    }

    @Test
    void returnMayBeAnyJsonValue() throws Exception {
        MockConfig config = load(CONFIG);
        assertThat(config.resolve("Orders", "Happy", "Notify", 1))
                .contains(new Succeeded(Json.NODES.stringNode("sent")));
    }

    @Test
    void invocationRangesSelectTheResponseInOrderRegardlessOfKeyOrder() throws Exception {
        MockConfig config = load(CONFIG);
        assertThat(config.resolve("Orders", "Flaky", "Charge", 0))
                .contains(new Failed("Lambda.ServiceException", "first"));
        assertThat(config.resolve("Orders", "Flaky", "Charge", 1))
                .contains(new Failed("Lambda.TooManyRequestsException", "throttled"));
        assertThat(config.resolve("Orders", "Flaky", "Charge", 2))
                .contains(new Failed("Lambda.TooManyRequestsException", "throttled"));
        assertThat(config.resolve("Orders", "Flaky", "Charge", 3))
                .contains(new Succeeded(Json.parse("{\"Payload\":\"finally\"}")));
        assertThat(config.mockFor("Orders", "Flaky", "Charge").orElseThrow().steps())
                .extracting(MockConfig.Step::from).containsExactly(0, 1, 3);
    }

    @Test
    void anInvocationPastTheLastRangeFailsInsteadOfRepeatingTheLastResponse() throws Exception {
        MockConfig config = load(CONFIG);
        TaskOutcome outcome = config.resolve("Orders", "Flaky", "Charge", 4).orElseThrow();
        assertThat(outcome).isInstanceOf(Failed.class);
        Failed failed = (Failed) outcome;
        assertThat(failed.error()).isEqualTo("States.Runtime");
        assertThat(failed.cause()).contains("invocation 4", "'Charge'", "'Flaky'", "'Orders'", "'ChargeFlaky'",
                "invocations 0, 1-2, 3");
        assertThat(config.resolve("Orders", "Happy", "Notify", 2).orElseThrow())
                .isInstanceOf(Failed.class).extracting(o -> ((Failed) o).error()).isEqualTo("States.Runtime");
    }

    @Test
    void aGapBeforeTheFirstKeyFailsAtThatInvocation() throws Exception {
        MockConfig config = load("""
                {"StateMachines": {"M": {"TestCases": {"T": {"S": "R"}}}},
                 "MockedResponses": {"R": {"1": {"Return": 1}}}}
                """);
        assertThat(config.resolve("M", "T", "S", 0).orElseThrow()).isInstanceOf(Failed.class);
        assertThat(config.resolve("M", "T", "S", 1)).contains(new Succeeded(Json.parse("1")));
    }

    @Test
    void anEmptyMockedResponseLoadsAndFailsWhenUsed() throws Exception {
        MockConfig config = load("""
                {"StateMachines": {"M": {"TestCases": {"T": {"S": "Empty"}}}},
                 "MockedResponses": {"Empty": {}}}
                """);
        Failed failed = (Failed) config.resolve("M", "T", "S", 0).orElseThrow();
        assertThat(failed.error()).isEqualTo("States.Runtime");
        assertThat(failed.cause()).contains("defines no invocations");
    }

    @Test
    void notResolvableWhenTheStateMachineTestCaseOrStateIsNotMocked() throws Exception {
        MockConfig config = load(CONFIG);
        assertThat(config.resolve("Orders", "Happy", "Ship", 0)).isEmpty();
        assertThat(config.resolve("Orders", "Nope", "Charge", 0)).isEmpty();
        assertThat(config.resolve("Missing", "Happy", "Charge", 0)).isEmpty();
        assertThat(config.resolve("Orders", null, "Charge", 0)).isEmpty();
        assertThat(config.hasTestCase("Orders", "Flaky")).isTrue();
        assertThat(config.hasTestCase("Orders", "Nope")).isFalse();
        assertThat(config.hasTestCase("Other", "Happy")).isFalse();
        assertThat(config.testCases("Orders")).containsExactly("Happy", "Flaky");
        assertThat(config.testCases("Missing")).isEmpty();
    }

    @Test
    void throwWithoutCauseHasANullCause() throws Exception {
        MockConfig config = load("""
                {"StateMachines": {"M": {"TestCases": {"T": {"S": "R"}}}},
                 "MockedResponses": {"R": {"0": {"Throw": {"Error": "Custom.Error"}}}}}
                """);
        assertThat(config.resolve("M", "T", "S", 0)).contains(new Failed("Custom.Error", null));
    }

    @Test
    void emptyOrPartialFilesAreValid() throws Exception {
        assertThat(load("{}").hasTestCase("M", "T")).isFalse();
        assertThat(load("{\"MockedResponses\": {\"R\": {\"0\": {\"Return\": null}}}}").testCases("M")).isEmpty();
    }

    @Test
    void aMissingFileIsReportedWithItsPath() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> MockConfig.load(missing))
                .isInstanceOf(MockConfigException.class)
                .hasMessageContaining("Cannot read mock config file")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void invalidJsonIsReportedWithThePath() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"StateMachines\": ");
        assertThatThrownBy(() -> MockConfig.load(file))
                .isInstanceOf(MockConfigException.class)
                .hasMessageContaining("bad.json")
                .hasMessageContaining("is not valid JSON");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            top level array                | []                                                                                        | (top level): must be a JSON object
            unknown top-level member       | {"MockedResponse": {}}                                                                    | MockedResponse: unknown top-level member
            StateMachines not an object    | {"StateMachines": []}                                                                     | StateMachines: must be an object
            machine not an object          | {"StateMachines": {"M": 1}}                                                               | StateMachines.M: must be an object with a TestCases member
            TestCases missing              | {"StateMachines": {"M": {}}}                                                              | StateMachines.M.TestCases: must be an object
            unknown machine member         | {"StateMachines": {"M": {"TestCases": {}, "Comment": "x"}}}                                | StateMachines.M.Comment: unknown member
            test case not an object        | {"StateMachines": {"M": {"TestCases": {"T": "R"}}}}                                        | StateMachines.M.TestCases.T: must be an object
            state value not a string       | {"StateMachines": {"M": {"TestCases": {"T": {"S": 1}}}}, "MockedResponses": {}}            | StateMachines.M.TestCases.T.S: must be the name of a mocked response
            undefined mocked response      | {"StateMachines": {"M": {"TestCases": {"T": {"S": "R"}}}}, "MockedResponses": {}}          | StateMachines.M.TestCases.T.S: names mocked response 'R', which MockedResponses does not define
            MockedResponses not an object  | {"MockedResponses": 3}                                                                    | MockedResponses: must be an object
            response not an object         | {"MockedResponses": {"R": []}}                                                            | MockedResponses.R: must be an object whose keys are invocation numbers
            key not a number               | {"MockedResponses": {"R": {"first": {"Return": 1}}}}                                       | MockedResponses.R."first": invalid invocation key
            negative key                   | {"MockedResponses": {"R": {"-1": {"Return": 1}}}}                                          | MockedResponses.R."-1": invalid invocation key
            three-part range               | {"MockedResponses": {"R": {"1-2-3": {"Return": 1}}}}                                       | MockedResponses.R."1-2-3": invalid invocation key
            spaced range                   | {"MockedResponses": {"R": {"0 - 1": {"Return": 1}}}}                                       | MockedResponses.R."0 - 1": invalid invocation key
            reversed range                 | {"MockedResponses": {"R": {"3-1": {"Return": 1}}}}                                         | MockedResponses.R."3-1": range end 1 is before its start 3
            overlapping ranges             | {"MockedResponses": {"R": {"0-2": {"Return": 1}, "2": {"Return": 2}}}}                      | MockedResponses.R: invocation keys "0-2" and "2" overlap
            step not an object             | {"MockedResponses": {"R": {"0": "x"}}}                                                    | MockedResponses.R."0": must be an object with a single member Return or Throw
            neither Return nor Throw       | {"MockedResponses": {"R": {"0": {"Result": 1}}}}                                          | MockedResponses.R."0": must have exactly one member, Return or Throw (found: Result)
            both Return and Throw          | {"MockedResponses": {"R": {"0": {"Return": 1, "Throw": {"Error": "E"}}}}}                  | MockedResponses.R."0": must have exactly one member
            Throw not an object            | {"MockedResponses": {"R": {"0": {"Throw": "E"}}}}                                          | MockedResponses.R."0".Throw: must be an object
            Throw without Error            | {"MockedResponses": {"R": {"0": {"Throw": {"Cause": "c"}}}}}                               | MockedResponses.R."0".Throw.Error: must be a non-empty string
            Error not a string             | {"MockedResponses": {"R": {"0": {"Throw": {"Error": 5}}}}}                                 | MockedResponses.R."0".Throw.Error: must be a non-empty string
            Cause not a string             | {"MockedResponses": {"R": {"0": {"Throw": {"Error": "E", "Cause": {}}}}}}                  | MockedResponses.R."0".Throw.Cause: must be a string
            unknown Throw member           | {"MockedResponses": {"R": {"0": {"Throw": {"Error": "E", "Message": "m"}}}}}               | MockedResponses.R."0".Throw.Message: unknown member
            """)
    void malformedFilesFailAtLoadNamingTheProblem(String title, String json, String expected) {
        assertThatThrownBy(() -> MockConfig.parse(json, "MockConfigFile.json"))
                .as(title)
                .isInstanceOf(MockConfigException.class)
                .hasMessageStartingWith("Mock config file MockConfigFile.json: ")
                .hasMessageContaining(expected);
    }
}
