package dev.stepline.sfn.asl;

import java.util.List;
import java.util.Objects;

/**
 * A Map state (spec §6.14), inline or distributed.
 *
 * @param processor                  {@code ItemProcessor} (or the legacy {@code Iterator})
 * @param itemsPath                  JSONPath mode {@code ItemsPath} ({@code $} when absent); null in JSONata mode
 * @param items                      JSONata mode {@code Items} (array or expression), or null
 * @param itemSelector               {@code ItemSelector}, or the legacy {@code Parameters}, or null
 * @param maxConcurrency             {@code MaxConcurrency[Path]}, or null (0 = unlimited)
 * @param toleratedFailureCount      {@code ToleratedFailureCount[Path]}, or null
 * @param toleratedFailurePercentage {@code ToleratedFailurePercentage[Path]}, or null
 * @param label                      {@code Label}, or null
 */
public record MapState(String name, String comment, QueryLanguage queryLanguage, String next,
                       JsonPathExpression inputPath, JsonPathExpression outputPath, ReferencePath resultPath,
                       Payload resultSelector, Payload output, Payload assign, List<Retrier> retry,
                       List<Catcher> catchers, ItemProcessor processor, JsonPathExpression itemsPath, Payload items,
                       Payload itemSelector, NumericValue maxConcurrency, ItemReader itemReader,
                       ItemBatcher itemBatcher, ResultWriter resultWriter, NumericValue toleratedFailureCount,
                       NumericValue toleratedFailurePercentage, String label) implements State {
    public MapState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queryLanguage, "queryLanguage");
        Objects.requireNonNull(processor, "processor");
        retry = List.copyOf(retry);
        catchers = List.copyOf(catchers);
    }

    @Override
    public StateType type() {
        return StateType.Map;
    }

    @Override
    public boolean isTerminal() {
        return next == null;
    }

    /** True for {@code ProcessorConfig.Mode: DISTRIBUTED}. */
    public boolean isDistributed() {
        return processor.mode() == ItemProcessor.Mode.DISTRIBUTED;
    }
}
