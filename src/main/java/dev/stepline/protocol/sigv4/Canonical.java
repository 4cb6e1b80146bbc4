package dev.stepline.protocol.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.stepline.http.Headers;

/**
 * The canonical-request building blocks of SigV4: AWS URI encoding, canonical path, query and headers.
 * Package-private; the rules are AWS's "Create a canonical request" (IAM user guide) and the S3 SigV4 pages.
 */
final class Canonical {
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private Canonical() {
    }

    /**
     * AWS URI encoding: every byte of the UTF-8 form except the unreserved characters {@code A-Z a-z 0-9 - _ . ~}
     * becomes {@code %XY} with upper-case hex; a space is {@code %20}, never {@code +}. {@code /} is kept when
     * {@code keepSlash}.
     */
    static String uriEncode(String s, boolean keepSlash) {
        byte[] bytes = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isUnreserved(c) && !(keepSlash && c == '/')) {
                bytes = s.getBytes(StandardCharsets.UTF_8);
                break;
            }
        }
        if (bytes == null) {
            return s;
        }
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(HEX_UPPER[(b >> 4) & 0xf]).append(HEX_UPPER[b & 0xf]);
            }
        }
        return out.toString();
    }

    static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    /**
     * Percent-decodes {@code s} as UTF-8. Malformed escapes are kept literally. {@code plusIsSpace} turns {@code +}
     * into a space (HTML-form style); SigV4 itself never does, but some clients send it.
     */
    static String percentDecode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0
                    && hex(s.charAt(i + 2)) >= 0) {
                out.write((hex(s.charAt(i + 1)) << 4) | hex(s.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Splits a raw query on {@code &}; each element is {name, value} still encoded; a missing {@code =} gives "". */
    static List<String[]> splitQuery(String rawQuery) {
        List<String[]> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                String p = rawQuery.substring(start, end);
                int eq = p.indexOf('=');
                out.add(eq < 0 ? new String[] {p, ""} : new String[] {p.substring(0, eq), p.substring(eq + 1)});
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return out;
    }

    /**
     * The canonical query string: each name and value decoded and re-encoded the AWS way, sorted by encoded name then
     * encoded value, joined as {@code name=value} with {@code &}. {@code X-Amz-Signature} is left out when
     * {@code presigned}.
     */
    static String canonicalQuery(String rawQuery, boolean presigned, boolean plusIsSpace) {
        List<String[]> params = splitQuery(rawQuery);
        if (params.isEmpty()) {
            return "";
        }
        List<String[]> encoded = new ArrayList<>(params.size());
        for (String[] kv : params) {
            String name = uriEncode(percentDecode(kv[0], plusIsSpace), false);
            if (presigned && name.equals("X-Amz-Signature")) {
                continue;
            }
            encoded.add(new String[] {name, uriEncode(percentDecode(kv[1], plusIsSpace), false)});
        }
        encoded.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
        StringBuilder sb = new StringBuilder();
        for (String[] kv : encoded) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(kv[0]).append('=').append(kv[1]);
        }
        return sb.toString();
    }

    /**
     * The canonical URIs worth trying for a path, most likely first.
     * <ul>
     * <li>S3: the path is neither normalised nor encoded again. The SDKs sign the path exactly as they send it; a
     * client whose wire encoding is not AWS's (e.g. sends {@code :} raw) is matched by the second candidate, which
     * decodes each segment and encodes it the AWS way (an encoded {@code %2F} stays one segment).</li>
     * <li>Other services: dot segments are removed, then the already-encoded path is URI-encoded once more, so
     * {@code %3A} on the wire becomes {@code %253A}. The Java SDK normalises with {@link java.net.URI#normalize()}
     * (keeps empty segments); botocore additionally collapses {@code //}; both are tried.</li>
     * </ul>
     */
    static List<String> canonicalPaths(String rawPath, boolean s3) {
        Set<String> out = new LinkedHashSet<>();
        String path = rawPath.isEmpty() ? "/" : rawPath;
        if (s3) {
            out.add(path.startsWith("/") ? path : "/" + path);
            out.add(reencodeSegments(path.startsWith("/") ? path : "/" + path));
        } else {
            out.add(uriEncode(removeDotSegments(path, false), true));
            out.add(uriEncode(removeDotSegments(path, true), true));
        }
        return List.copyOf(out);
    }

    private static String reencodeSegments(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 16);
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            String seg = slash < 0 ? path.substring(start) : path.substring(start, slash);
            sb.append(uriEncode(percentDecode(seg, false), false));
            if (slash < 0) {
                break;
            }
            sb.append('/');
            start = slash + 1;
        }
        return sb.toString();
    }

    /** RFC 3986 §5.2.4 dot-segment removal; {@code collapseSlashes} also drops empty segments (botocore). */
    static String removeDotSegments(String path, boolean collapseSlashes) {
        String[] segs = path.split("/", -1);
        List<String> out = new ArrayList<>();
        boolean absolute = path.startsWith("/");
        int from = absolute ? 1 : 0;
        boolean trailingSlash = false;
        for (int i = from; i < segs.length; i++) {
            String s = segs[i];
            boolean last = i == segs.length - 1;
            if (s.equals(".")) {
                trailingSlash = last;
            } else if (s.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                trailingSlash = last;
            } else if (s.isEmpty() && collapseSlashes) {
                trailingSlash = last && !out.isEmpty();
            } else {
                if (!(s.isEmpty() && last)) {
                    out.add(s);
                }
                trailingSlash = s.isEmpty() && last;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append('/');
        sb.append(String.join("/", out));
        if (trailingSlash && !out.isEmpty()) {
            sb.append('/');
        }
        return sb.toString();
    }

    /**
     * The canonical headers block for the signed header names, in the client's order: {@code name:value\n} per
     * name, values trimmed, runs of spaces collapsed, several values joined with {@code ,}. A signed header the
     * request lacks yields {@code name:\n} (the signature will then not match).
     */
    static String canonicalHeaders(Headers headers, List<String> signedHeaders) {
        StringBuilder sb = new StringBuilder(256);
        for (String name : signedHeaders) {
            sb.append(name).append(':');
            List<String> values = headers.all(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendTrimmedCollapsed(sb, values.get(i));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void appendTrimmedCollapsed(StringBuilder sb, String v) {
        int start = 0;
        int end = v.length();
        while (start < end && isSpace(v.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(v.charAt(end - 1))) {
            end--;
        }
        boolean prevSpace = false;
        for (int i = start; i < end; i++) {
            char c = v.charAt(i);
            if (isSpace(c)) {
                if (!prevSpace) {
                    sb.append(' ');
                }
                prevSpace = true;
            } else {
                sb.append(c);
                prevSpace = false;
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
