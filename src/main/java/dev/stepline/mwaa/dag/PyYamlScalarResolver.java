package dev.stepline.mwaa.dag;

import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Resolves untagged plain scalars the way PyYAML's {@code SafeLoader} does (YAML 1.1), which is
 * what dag-factory uses on the real service.
 *
 * <p>Differences from the YAML 1.2 JSON schema Jackson would otherwise apply:
 * <ul>
 *   <li>{@code yes/no/on/off/true/false} in lower, Title and UPPER case are booleans;</li>
 *   <li>{@code ~}, {@code null}, {@code Null}, {@code NULL} and the empty scalar are null;</li>
 *   <li>integers may carry {@code _} separators, {@code 0x}/{@code 0b} prefixes and a leading
 *       {@code 0} for octal;</li>
 *   <li>a float needs a dot ({@code 1e3} is a string, as in PyYAML), {@code .inf}/{@code .nan}
 *       are floats.</li>
 * </ul>
 * Quoted scalars are never resolved (snakeyaml passes {@code implicit=false} for them), so
 * {@code "yes"} stays a string. Deliberate divergences: base-60 numbers ({@code 1:30}) and
 * timestamps stay strings (dag-factory accepts date strings anyway).
 */
final class PyYamlScalarResolver implements ScalarResolver {
    static final Pattern BOOL = Pattern.compile(
            "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    static final Pattern INT = Pattern.compile(
            "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+");
    static final Pattern FLOAT = Pattern.compile(
            "[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?"
                    + "|[-+]?\\.(?:inf|Inf|INF)"
                    + "|\\.(?:nan|NaN|NAN)");

    @Override
    public Tag resolve(String value, Boolean implicit) {
        if (!implicit) {
            return Tag.STR;
        }
        if (NULL.matcher(value).matches()) {
            return Tag.NULL;
        }
        if (BOOL.matcher(value).matches()) {
            return Tag.BOOL;
        }
        if (INT.matcher(value).matches()) {
            return Tag.INT;
        }
        if (FLOAT.matcher(value).matches()) {
            return Tag.FLOAT;
        }
        return Tag.STR;
    }
}
