package dev.stepline.mwaa.dag;

import java.io.CharArrayReader;
import java.io.InputStream;
import java.io.Reader;
import java.util.Map;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.Schema;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.IOContext;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingParser;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * A Jackson YAML factory whose parsers read scalars with PyYAML (YAML 1.1) semantics and
 * replay anchors, aliases and merge keys ({@code <<}) the way PyYAML does.
 *
 * <p>Why this exists: Jackson's stock YAML parser resolves scalars with the YAML 1.2 JSON
 * schema ({@code yes} and {@code True} are strings there) and turns an alias into the anchor's
 * <em>name</em>. Both silently change the meaning of a dag-factory file. Jackson only asks the
 * snakeyaml resolver for the tag and then matches booleans itself against {@code true/false},
 * so the parser's boolean matcher is widened as well. Pinned by {@code DagYamlTest}.
 */
final class PyYamlFactory extends YAMLAnchorReplayingFactory {
    private static final long serialVersionUID = 1L;

    PyYamlFactory() {
        super(YAMLFactory.builder().loadSettings(settings()).build());
    }

    private PyYamlFactory(PyYamlFactory src) {
        super(src);
    }

    /** The snakeyaml settings both the Jackson parser and {@link DagYaml}'s key check use. */
    static LoadSettings settings() {
        ScalarResolver resolver = new PyYamlScalarResolver();
        Schema schema = new Schema() {
            @Override
            public ScalarResolver getScalarResolver() {
                return resolver;
            }

            @Override
            public Map<Tag, ConstructNode> getSchemaTagConstructors() {
                return Map.of();
            }
        };
        return LoadSettings.builder().setSchema(schema).setAllowDuplicateKeys(true).build();
    }

    @Override
    public PyYamlFactory copy() {
        return new PyYamlFactory(this);
    }

    @Override
    protected YAMLAnchorReplayingParser _createParser(ObjectReadContext ctxt, IOContext io, Reader r) {
        return newParser(ctxt, io, r);
    }

    @Override
    protected YAMLAnchorReplayingParser _createParser(ObjectReadContext ctxt, IOContext io, InputStream in) {
        return newParser(ctxt, io, _createReader(in, null, io));
    }

    @Override
    protected YAMLAnchorReplayingParser _createParser(ObjectReadContext ctxt, IOContext io, char[] data,
            int offset, int len, boolean recyclable) {
        return newParser(ctxt, io, new CharArrayReader(data, offset, len));
    }

    @Override
    protected YAMLAnchorReplayingParser _createParser(ObjectReadContext ctxt, IOContext io, byte[] data,
            int offset, int len) {
        return newParser(ctxt, io, _createReader(data, offset, len, JsonEncoding.UTF8, io));
    }

    private YAMLAnchorReplayingParser newParser(ObjectReadContext ctxt, IOContext io, Reader reader) {
        return new PyYamlParser(ctxt, io, _getBufferRecycler(),
                ctxt.getStreamReadFeatures(_streamReadFeatures),
                ctxt.getFormatReadFeatures(_formatReadFeatures), _loadSettings, reader);
    }

    /** Accepts every PyYAML boolean spelling once the resolver has tagged a scalar as bool. */
    private static final class PyYamlParser extends YAMLAnchorReplayingParser {
        PyYamlParser(ObjectReadContext ctxt, IOContext io, tools.jackson.core.util.BufferRecycler br,
                int streamFeatures, int formatFeatures, LoadSettings settings, Reader reader) {
            super(ctxt, io, br, streamFeatures, formatFeatures, settings, reader);
        }

        @Override
        protected Boolean _matchYAMLBoolean(String value, int len) {
            return switch (value) {
                case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" -> Boolean.TRUE;
                case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" -> Boolean.FALSE;
                default -> null;
            };
        }
    }
}
