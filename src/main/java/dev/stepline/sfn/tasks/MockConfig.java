package dev.stepline.sfn.tasks;

import static java.util.Objects.requireNonNull;

import dev.stepline.sfn.runtime.dataflow.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A Step Functions Local mock configuration ({@code MockConfigFile.json}), parsed and validated.
 *
 * <p>Format (AWS Step Functions Developer Guide, "Configuration file for mocked service integrations",
 * sfn-local-mock-cfg-file):
 * <pre>
 * { "StateMachines":   { "&lt;state machine name&gt;": { "TestCases": { "&lt;test case&gt;": { "&lt;state&gt;": "&lt;mocked response&gt;" } } } },
 *   "MockedResponses": { "&lt;mocked response&gt;": { "&lt;n&gt;" | "&lt;from&gt;-&lt;to&gt;": { "Return": &lt;any JSON&gt; }
 *                                                                   | { "Throw": { "Error": "…", "Cause": "…" } } } } }
 * </pre>
 * Keys of a mocked response are 0-based invocation numbers of the state, single ({@code "3"}) or an
 * inclusive range ({@code "0-2"}).
 *
 * <p>Resolution semantics, as Step Functions Local behaves:
 * <ul>
 *   <li>Mocks apply only to executions started with {@code <stateMachineArn>#<TestCase>}; the key under
 *       {@code StateMachines} is the state machine's name.</li>
 *   <li>A state the test case does not name is not mocked: its real integration runs (AWS guide: "If you
 *       do not specify a mocked response, a Task will attempt to call the service endpoints").</li>
 *   <li>The invocation number counts every invocation of the state in the execution — retries, loop
 *       re-entries and Map iterations — not only the retry count (behaviour of Step Functions Local 2.0.0
 *       as reproduced in floci-io/floci#3254 and localstack/localstack#13693).</li>
 *   <li>An invocation number no key covers — a gap, or past the last range — does <em>not</em> repeat the
 *       last response: the guide says a mocked Task needs "a mocked response for every invocation" and that
 *       otherwise "the state machine execution will fail", and Step Functions Local 2.0.0 fails the state
 *       with {@code States.Runtime} when no entry matches (floci-io/floci#2823; LocalStack raises likewise).
 *       {@link #resolve} returns that failure.</li>
 *   <li>An unknown test case is an error; Step Functions Local rejects StartExecution with
 *       "No mock map found for test &lt;name&gt;" (floci-io/floci, StepFunctionsMockedServiceIntegrationTest).
 *       The API layer should check {@link #hasTestCase} at StartExecution.</li>
 * </ul>
 *
 * <p>Validation is stricter than Step Functions Local, which only notices a broken entry when a state
 * uses it: here the whole file is checked at load (member types, range keys, overlaps, Return/Throw shape,
 * references to undefined mocked responses). An empty mocked response ({@code {}}) is accepted — generated
 * files produce them — and resolves to the no-entry failure when used.
 *
 * <p>Immutable and thread-safe.
 */
public final class MockConfig {

    private static final java.util.regex.Pattern RANGE = java.util.regex.Pattern.compile("(\\d{1,9})(?:-(\\d{1,9}))?");

    /** state machine name → test case → state name → mocked response name */
    private final Map<String, Map<String, Map<String, String>>> stateMachines;
    private final Map<String, MockedResponse> mockedResponses;
    private final String source;

    private MockConfig(String source, Map<String, Map<String, Map<String, String>>> stateMachines,
                       Map<String, MockedResponse> mockedResponses) {
        this.source = source;
        this.stateMachines = stateMachines;
        this.mockedResponses = mockedResponses;
    }

    /** One entry of a mocked response: the invocations {@code from..to} (inclusive) and what they yield. */
    public record Step(int from, int to, TaskOutcome outcome) {
        public Step {
            requireNonNull(outcome, "outcome is null");
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("bad range " + from + "-" + to);
            }
        }

        boolean covers(int invocation) {
            return invocation >= from && invocation <= to;
        }

        String key() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    /** A named mocked response: its steps sorted by invocation number, non-overlapping. */
    public record MockedResponse(String name, List<Step> steps) {
        public MockedResponse {
            requireNonNull(name, "name is null");
            steps = List.copyOf(steps);
        }

        /** The outcome for the 0-based invocation number, or empty when no step covers it. */
        public Optional<TaskOutcome> outcomeAt(int invocation) {
            for (Step step : steps) {
                if (step.covers(invocation)) {
                    return Optional.of(step.outcome());
                }
            }
            return Optional.empty();
        }

        String describeKeys() {
            if (steps.isEmpty()) {
                return "no invocations";
            }
            List<String> keys = new ArrayList<>();
            for (Step step : steps) {
                keys.add(step.key());
            }
            return "invocations " + String.join(", ", keys);
        }
    }

    /** Reads and validates a mock config file. */
    public static MockConfig load(Path file) throws MockConfigException {
        requireNonNull(file, "file is null");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MockConfigException("Cannot read mock config file " + file + ": " + e, e);
        }
        return parse(text, file.toString());
    }

    /** Parses and validates mock config JSON; {@code source} names it in error messages. */
    public static MockConfig parse(String json, String source) throws MockConfigException {
        requireNonNull(json, "json is null");
        requireNonNull(source, "source is null");
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (JacksonException e) {
            throw new MockConfigException("Mock config file " + source + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        return new Reader(source).read(root);
    }

    /** The file (or other source) this configuration came from. */
    public String source() {
        return source;
    }

    /** Whether {@code StateMachines.<stateMachineName>.TestCases.<testCase>} exists. */
    public boolean hasTestCase(String stateMachineName, String testCase) {
        return testCase(stateMachineName, testCase) != null;
    }

    /** The test case names of a state machine (empty when it has none). */
    public List<String> testCases(String stateMachineName) {
        Map<String, Map<String, String>> cases = stateMachines.get(stateMachineName);
        return cases == null ? List.of() : List.copyOf(cases.keySet());
    }

    /**
     * The mocked response a test case assigns to a state, or empty when the test case does not exist
     * or does not name the state.
     */
    public Optional<MockedResponse> mockFor(String stateMachineName, String testCase, String stateName) {
        Map<String, String> states = testCase(stateMachineName, testCase);
        if (states == null) {
            return Optional.empty();
        }
        String responseName = states.get(stateName);
        return responseName == null ? Optional.empty() : Optional.of(mockedResponses.get(responseName));
    }

    /**
     * Resolves one invocation.
     *
     * @return empty when not resolvable by this configuration (unknown state machine or test case, or the
     *         test case does not mock {@code stateName}); else the mocked outcome — a {@code States.Runtime}
     *         failure when the state is mocked but no entry covers {@code invocation}
     */
    public Optional<TaskOutcome> resolve(String stateMachineName, String testCase, String stateName, int invocation) {
        Optional<MockedResponse> mock = mockFor(stateMachineName, testCase, stateName);
        if (mock.isEmpty()) {
            return Optional.empty();
        }
        MockedResponse response = mock.get();
        Optional<TaskOutcome> outcome = response.outcomeAt(invocation);
        if (outcome.isPresent()) {
            return outcome;
        }
        return Optional.of(TaskOutcome.failed("States.Runtime",
                "No mocked response for invocation " + invocation + " of state '" + stateName + "' in test case '"
                        + testCase + "' of state machine '" + stateMachineName + "': mocked response '"
                        + response.name() + "' defines " + response.describeKeys()
                        + " (Step Functions Local needs an entry for every invocation; the last one is not repeated)"));
    }

    private Map<String, String> testCase(String stateMachineName, String testCase) {
        if (stateMachineName == null || testCase == null) {
            return null;
        }
        Map<String, Map<String, String>> cases = stateMachines.get(stateMachineName);
        return cases == null ? null : cases.get(testCase);
    }

    /** Validating reader; every error message starts with the source and the JSON location. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        MockConfig read(JsonNode root) throws MockConfigException {
            if (!root.isObject()) {
                throw error("(top level)", "must be a JSON object with StateMachines and MockedResponses");
            }
            for (String name : root.propertyNames()) {
                if (!name.equals("StateMachines") && !name.equals("MockedResponses")) {
                    throw error(name, "unknown top-level member; expected StateMachines and MockedResponses");
                }
            }
            Map<String, MockedResponse> responses = readResponses(root.get("MockedResponses"));
            Map<String, Map<String, Map<String, String>>> machines = readStateMachines(root.get("StateMachines"),
                    responses);
            return new MockConfig(source, machines, responses);
        }

        private Map<String, MockedResponse> readResponses(JsonNode node) throws MockConfigException {
            Map<String, MockedResponse> result = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return result;
            }
            if (!node.isObject()) {
                throw error("MockedResponses", "must be an object of mocked responses");
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                result.put(entry.getKey(), readResponse(entry.getKey(), entry.getValue()));
            }
            return Collections.unmodifiableMap(result);
        }

        private MockedResponse readResponse(String name, JsonNode node) throws MockConfigException {
            String where = "MockedResponses." + name;
            if (!node.isObject()) {
                throw error(where, "must be an object whose keys are invocation numbers (\"0\") or ranges (\"1-2\")");
            }
            List<Step> steps = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String key = entry.getKey();
                String at = where + ".\"" + key + "\"";
                Matcher m = RANGE.matcher(key);
                if (!m.matches()) {
                    throw error(at, "invalid invocation key; use a 0-based number (\"0\") or an inclusive range "
                            + "(\"1-2\")");
                }
                int from = Integer.parseInt(m.group(1));
                int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
                if (to < from) {
                    throw error(at, "range end " + to + " is before its start " + from);
                }
                steps.add(new Step(from, to, readStep(at, entry.getValue())));
            }
            steps.sort(Comparator.comparingInt(Step::from));
            for (int i = 1; i < steps.size(); i++) {
                Step previous = steps.get(i - 1);
                Step current = steps.get(i);
                if (current.from() <= previous.to()) {
                    throw error(where, "invocation keys \"" + previous.key() + "\" and \"" + current.key()
                            + "\" overlap");
                }
            }
            return new MockedResponse(name, steps);
        }

        private TaskOutcome readStep(String at, JsonNode node) throws MockConfigException {
            if (!node.isObject()) {
                throw error(at, "must be an object with a single member Return or Throw");
            }
            boolean hasReturn = node.has("Return");
            boolean hasThrow = node.has("Throw");
            if (hasReturn == hasThrow || node.size() != 1) {
                throw error(at, "must have exactly one member, Return or Throw (found: "
                        + String.join(", ", node.propertyNames()) + ")");
            }
            if (hasReturn) {
                // any JSON value is a valid task result (Step Functions Local does not validate it)
                return TaskOutcome.succeeded(node.get("Return"));
            }
            JsonNode thr = node.get("Throw");
            String where = at + ".Throw";
            if (!thr.isObject()) {
                throw error(where, "must be an object with string members Error and Cause");
            }
            for (String member : thr.propertyNames()) {
                if (!member.equals("Error") && !member.equals("Cause")) {
                    throw error(where + "." + member, "unknown member; Throw has only Error and Cause");
                }
            }
            JsonNode err = thr.get("Error");
            if (err == null || !err.isString() || err.stringValue().isEmpty()) {
                throw error(where + ".Error", "must be a non-empty string");
            }
            JsonNode cause = thr.get("Cause");
            if (cause != null && !cause.isNull() && !cause.isString()) {
                throw error(where + ".Cause", "must be a string");
            }
            return TaskOutcome.failed(err.stringValue(), cause == null || cause.isNull() ? null : cause.stringValue());
        }

        private Map<String, Map<String, Map<String, String>>> readStateMachines(
                JsonNode node, Map<String, MockedResponse> responses) throws MockConfigException {
            Map<String, Map<String, Map<String, String>>> result = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return result;
            }
            if (!node.isObject()) {
                throw error("StateMachines", "must be an object keyed by state machine name");
            }
            for (Map.Entry<String, JsonNode> machine : node.properties()) {
                String where = "StateMachines." + machine.getKey();
                JsonNode value = machine.getValue();
                if (!value.isObject()) {
                    throw error(where, "must be an object with a TestCases member");
                }
                for (String member : value.propertyNames()) {
                    if (!member.equals("TestCases")) {
                        throw error(where + "." + member, "unknown member; a state machine entry has only TestCases");
                    }
                }
                JsonNode cases = value.get("TestCases");
                if (cases == null || !cases.isObject()) {
                    throw error(where + ".TestCases", "must be an object keyed by test case name");
                }
                Map<String, Map<String, String>> caseMap = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> testCase : cases.properties()) {
                    String at = where + ".TestCases." + testCase.getKey();
                    if (testCase.getKey().isEmpty()) {
                        throw error(at, "a test case name must not be empty");
                    }
                    if (!testCase.getValue().isObject()) {
                        throw error(at, "must be an object mapping state names to mocked response names");
                    }
                    Map<String, String> states = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> state : testCase.getValue().properties()) {
                        String stateAt = at + "." + state.getKey();
                        if (!state.getValue().isString()) {
                            throw error(stateAt, "must be the name of a mocked response (a string)");
                        }
                        String responseName = state.getValue().stringValue();
                        if (!responses.containsKey(responseName)) {
                            throw error(stateAt, "names mocked response '" + responseName
                                    + "', which MockedResponses does not define");
                        }
                        states.put(state.getKey(), responseName);
                    }
                    caseMap.put(testCase.getKey(), Collections.unmodifiableMap(states));
                }
                result.put(machine.getKey(), Collections.unmodifiableMap(caseMap));
            }
            return Collections.unmodifiableMap(result);
        }

        private MockConfigException error(String where, String problem) {
            return new MockConfigException("Mock config file " + source + ": " + where + ": " + problem);
        }
    }
}
