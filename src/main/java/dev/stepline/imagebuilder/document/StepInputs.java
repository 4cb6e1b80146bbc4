package dev.stepline.imagebuilder.document;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A step's {@code inputs} mapping (spec §2.4). A key written with a {@code .$} suffix holds a
 * reference and is stored under the key without the suffix; every other key is a literal, even
 * when its value looks like {@code $.x}.
 *
 * @param entries    the inputs in document order
 * @param unresolved the mapping exactly as the document wrote it (keys keep {@code .$}) as compact
 *                   JSON, which is what a SKIPPED step reports as its {@code inputs}; {@code {}}
 *                   when the step has no inputs
 */
public record StepInputs(List<Entry> entries, String unresolved) {
    /** No inputs. */
    public static final StepInputs EMPTY = new StepInputs(List.of(), "{}");

    public StepInputs {
        entries = List.copyOf(entries);
        requireNonNull(unresolved, "unresolved is null");
    }

    /**
     * One input.
     *
     * @param key   the key without any {@code .$} suffix
     * @param value a {@link DynamicValue.Reference} when the document key ended in {@code .$}
     */
    public record Entry(String key, DynamicValue value) {
        public Entry {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
        }

        /** The key as written in the document: with {@code .$} for references. */
        public String documentKey() {
            return value instanceof DynamicValue.Reference ? key + ".$" : key;
        }
    }

    /** The input with this key (without {@code .$}). */
    public Optional<Entry> get(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }
}
