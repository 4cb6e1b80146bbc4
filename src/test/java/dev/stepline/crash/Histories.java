package dev.stepline.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** What a crash must never do to an execution's history, checked through the public API. */
final class Histories {
    private Histories() {
    }

    /** Ids 1..n with no gap and no repeat; exactly one start and one end; every entered state exited once. */
    static void assertGapless(SfnClient sfn, String arn) {
        List<HistoryEvent> events = new ArrayList<>();
        sfn.getExecutionHistoryPaginator(b -> b.executionArn(arn).maxResults(1000)).events().forEach(events::add);
        assertThat(events.stream().map(HistoryEvent::id).toList())
                .as(arn).isEqualTo(IntStream.rangeClosed(1, events.size()).mapToObj(Long::valueOf).toList());
        List<String> types = events.stream().map(HistoryEvent::typeAsString).toList();
        assertThat(types).as(arn).filteredOn("ExecutionStarted"::equals).hasSize(1);
        assertThat(types.getLast()).as(arn).isEqualTo("ExecutionSucceeded");
        long entered = types.stream().filter(t -> t.endsWith("StateEntered")).count();
        long exited = types.stream().filter(t -> t.endsWith("StateExited")).count();
        assertThat(exited).as(arn).isEqualTo(entered);
    }

    static List<String> types(SfnClient sfn, String arn) {
        return sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(1000)).events().stream()
                .map(HistoryEvent::typeAsString).toList();
    }
}
