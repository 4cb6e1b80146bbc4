package dev.stepline.objects;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * S3's XML, both ways. Writing is by hand (a document is a few elements; a DOM would cost more
 * than the answer); reading goes through StAX with DTDs and external entities off, into a tiny
 * element tree ({@link Node}) that handlers query by local name.
 */
final class Xml {
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final XMLInputFactory INPUT = XMLInputFactory.newFactory();

    static {
        INPUT.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        INPUT.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        INPUT.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    private final StringBuilder out = new StringBuilder(256)
            .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    /** Opens the root element, in S3's namespace. */
    Xml root(String name) {
        out.append('<').append(name).append(" xmlns=\"").append(NAMESPACE).append("\">");
        return this;
    }

    /** Opens the root element without a namespace (S3's error documents have none). */
    Xml bareRoot(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    Xml start(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    Xml end(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>value</name>}; nothing at all when value is null. */
    Xml leaf(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>');
            escape(String.valueOf(value));
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** Escaped character data inside the open element. */
    Xml text(String value) {
        escape(value);
        return this;
    }

    byte[] bytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append("&#10;");
                case '\t' -> out.append("&#9;");
                default -> {
                    if (c < 0x20) {
                        // not representable in XML 1.0 even as a reference; S3 keys with control
                        // characters need encoding-type=url, which callers that care send
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** An element: its local name, its own text (trimmed only by callers) and its child elements. */
    record Node(String name, String text, List<Node> children) {
        Node child(String childName) {
            for (Node n : children) {
                if (n.name.equals(childName)) {
                    return n;
                }
            }
            return null;
        }

        List<Node> all(String childName) {
            return children.stream().filter(n -> n.name.equals(childName)).toList();
        }

        /** The text of the named child, or null when absent. */
        String text(String childName) {
            Node n = child(childName);
            return n == null ? null : n.text;
        }
    }

    /**
     * Parses a request body into its root element.
     *
     * @throws S3Error MalformedXML when the body is not well-formed
     */
    static Node parse(byte[] body) {
        try {
            XMLStreamReader reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                        return element(reader);
                    }
                }
                throw S3Error.malformedXml();
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof S3Error s3) {
                throw s3;
            }
            throw S3Error.malformedXml();
        }
    }

    private static Node element(XMLStreamReader reader) throws XMLStreamException {
        String name = reader.getLocalName();
        StringBuilder text = new StringBuilder();
        List<Node> children = new ArrayList<>();
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> children.add(element(reader));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(reader.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return new Node(name, text.toString(), List.copyOf(children));
                }
                default -> { }
            }
        }
        throw S3Error.malformedXml();
    }
}
