package dev.stepline.sfn.api;

import dev.stepline.protocol.validate.Length;
import dev.stepline.protocol.validate.Range;
import dev.stepline.protocol.validate.Required;
import java.time.Instant;
import java.util.List;

/** Wire shapes of the Map Run operations (model 2016-11-23, spec §4.9). */
public final class MapRunShapes {
    private MapRunShapes() {}

    public record ListMapRunsInput(@Required @Length(min = 1, max = 256) String executionArn,
                                   @Range(min = 0, max = 1000) Integer maxResults,
                                   @Length(min = 1, max = 1024) String nextToken) {}

    public record MapRunListItem(String executionArn, String mapRunArn, String stateMachineArn, Instant startDate,
                                 Instant stopDate) {}

    public record ListMapRunsOutput(List<MapRunListItem> mapRuns, String nextToken) {}

    public record DescribeMapRunInput(@Required @Length(min = 1, max = 2000) String mapRunArn) {}

    /** {@code MapRunItemCounts} and {@code MapRunExecutionCounts} (same members). */
    public record MapRunCounts(Long pending, Long running, Long succeeded, Long failed, Long timedOut, Long aborted,
                               Long total, Long resultsWritten, Long failuresNotRedrivable, Long pendingRedrive) {}

    public record DescribeMapRunOutput(String mapRunArn, String executionArn, String status, Instant startDate,
                                       Instant stopDate, Integer maxConcurrency, Float toleratedFailurePercentage,
                                       Long toleratedFailureCount, MapRunCounts itemCounts,
                                       MapRunCounts executionCounts, Integer redriveCount, Instant redriveDate) {}

    public record UpdateMapRunInput(@Required @Length(min = 1, max = 2000) String mapRunArn,
                                    @Range(min = 0) Integer maxConcurrency,
                                    @Range(min = 0, max = 100) Float toleratedFailurePercentage,
                                    @Range(min = 0) Long toleratedFailureCount) {}

    public record UpdateMapRunOutput() {}
}
