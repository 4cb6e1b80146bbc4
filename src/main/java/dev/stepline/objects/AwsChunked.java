package dev.stepline.objects;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.stepline.http.HttpRequest;
import dev.stepline.protocol.sigv4.ChunkSigningContext;
import dev.stepline.protocol.sigv4.SigV4Verifier;

/**
 * Decodes an S3 {@code aws-chunked} request body ({@code Content-Encoding: aws-chunked}, {@code x-amz-content-sha256}
 * one of the {@code STREAMING-*} values), per the S3 SigV4 "chunked upload" and "trailing headers" pages:
 *
 * <pre>
 * &lt;hex-size&gt;[;chunk-signature=&lt;sig&gt;]\r\n &lt;data&gt;\r\n     (repeated)
 * 0[;chunk-signature=&lt;sig&gt;]\r\n                           (final chunk)
 * [x-amz-checksum-crc32:&lt;base64&gt;\r\n ...]                 (trailers, *-TRAILER modes)
 * [x-amz-trailer-signature:&lt;sig&gt;\r\n]                     (signed trailer mode)
 * \r\n
 * </pre>
 *
 * Checks {@code x-amz-decoded-content-length}, the {@code x-amz-trailer} declaration, any {@code x-amz-checksum-*}
 * trailer against the decoded data, and — when a {@link ChunkSigningContext} is given and the mode is signed — every
 * chunk signature and the trailer signature.
 *
 * <p>Errors ({@link AwsChunkedException}): {@code IncompleteBody} 400 "The request body terminated unexpectedly" for
 * truncation (wording reported from AWS by an S3 re-implementation's conformance notes) and for a decoded length
 * other than {@code x-amz-decoded-content-length} (S3's documented IncompleteBody sentence); {@code InvalidRequest}
 * 400 for malformed chunk framing (inferred); {@code MalformedTrailerError} 400 "The request contained trailing data
 * that was not well-formed or did not conform to our published schema." (S3 wording, observed via S3-compatible test
 * suites); {@code BadDigest} 400 "The CRC32 you specified did not match the calculated checksum." (observed);
 * {@code SignatureDoesNotMatch} 403 for a bad chunk or trailer signature (S3's code; inferred for chunks).
 */
public final class AwsChunked {
    /** How the body is framed and signed, from {@code x-amz-content-sha256}. */
    public enum Mode {
        /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: signed chunks, no trailer. */
        SIGNED(true, false),
        /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed chunks and a signed trailer. */
        SIGNED_TRAILER(true, true),
        /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: plain chunks and an unsigned trailer. */
        UNSIGNED_TRAILER(false, true),
        /** {@code aws-chunked} content encoding with any other payload hash: plain chunks, optional trailer. */
        UNSIGNED(false, false);

        final boolean signed;
        final boolean trailer;

        Mode(boolean signed, boolean trailer) {
            this.signed = signed;
            this.trailer = trailer;
        }

        /** The mode for an {@code x-amz-content-sha256} value; empty for non-streaming values. */
        public static Optional<Mode> of(String contentSha256) {
            if (contentSha256 == null) {
                return Optional.empty();
            }
            return switch (contentSha256.strip()) {
                case SigV4Verifier.STREAMING_SIGNED -> Optional.of(SIGNED);
                case SigV4Verifier.STREAMING_SIGNED_TRAILER -> Optional.of(SIGNED_TRAILER);
                case SigV4Verifier.STREAMING_UNSIGNED_TRAILER -> Optional.of(UNSIGNED_TRAILER);
                default -> Optional.empty();
            };
        }
    }

    /**
     * A decoded body.
     *
     * @param data      the object bytes
     * @param trailers  trailing headers by lower-case name, in arrival order ({@code x-amz-trailer-signature} left
     *                  out)
     * @param checksum  the verified {@code x-amz-checksum-*} trailer, if there was one
     */
    public record Decoded(byte[] data, Map<String, String> trailers, Optional<Checksum> checksum) {
        public Decoded {
            trailers = Collections.unmodifiableMap(new LinkedHashMap<>(trailers));
        }
    }

    /** A checksum that was sent and matched the data. */
    public record Checksum(ChecksumAlgorithm algorithm, String base64) {
    }

    static final String MALFORMED_TRAILER = "The request contained trailing data that was not well-formed or did not "
            + "conform to our published schema.";
    static final String TRUNCATED = "The request body terminated unexpectedly";
    static final String S3_SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature "
            + "you provided. Check your key and signing method.";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    private static final int MAX_LINE = 4096;

    private AwsChunked() {
    }

    /**
     * True when the request body is {@code aws-chunked}: a {@code STREAMING-*} {@code x-amz-content-sha256} or
     * {@code aws-chunked} among the {@code Content-Encoding} tokens.
     */
    public static boolean isAwsChunked(HttpRequest request) {
        return Mode.of(request.header("x-amz-content-sha256")).isPresent()
                || hasAwsChunkedEncoding(request.headers().all("Content-Encoding"));
    }

    /**
     * The {@code Content-Encoding} to store with the object: the request's value without the {@code aws-chunked}
     * token; empty when nothing remains.
     */
    public static Optional<String> storedContentEncoding(String contentEncoding) {
        if (contentEncoding == null) {
            return Optional.empty();
        }
        List<String> kept = new ArrayList<>();
        for (String t : contentEncoding.split(",")) {
            String s = t.strip();
            if (!s.isEmpty() && !s.equalsIgnoreCase("aws-chunked")) {
                kept.add(s);
            }
        }
        return kept.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", kept));
    }

    /** Decodes the request body without checking chunk signatures. */
    public static Decoded decode(HttpRequest request) {
        return decode(request, null);
    }

    /**
     * Decodes the request body; when {@code signing} is non-null and the mode is signed, checks every chunk signature
     * (seeded with the request signature) and the trailer signature.
     *
     * @param signing from {@code VerificationResult.Verified#chunkSigning()}, or null to skip signature checks
     */
    public static Decoded decode(HttpRequest request, ChunkSigningContext signing) {
        Mode mode = Mode.of(request.header("x-amz-content-sha256")).orElse(Mode.UNSIGNED);
        String decodedLength = request.header("x-amz-decoded-content-length");
        long expected = -1;
        if (decodedLength != null) {
            try {
                expected = Long.parseLong(decodedLength.strip());
            } catch (NumberFormatException e) {
                expected = -2;
            }
            if (expected < 0) {
                // inferred wording
                throw new AwsChunkedException("InvalidArgument", 400,
                        "x-amz-decoded-content-length must be a non-negative integer");
            }
        }
        return decode(request.body(), mode, expected, request.header("x-amz-trailer"), signing);
    }

    /**
     * Decodes {@code body}.
     *
     * @param expectedLength     {@code x-amz-decoded-content-length}, or -1 when not sent
     * @param declaredTrailers   {@code x-amz-trailer} (comma-separated names), or null
     * @param signing            null to skip signature checks
     */
    public static Decoded decode(byte[] body, Mode mode, long expectedLength, String declaredTrailers,
            ChunkSigningContext signing) {
        boolean verify = signing != null && mode.signed;
        int cap = expectedLength >= 0 && expectedLength <= body.length ? (int) expectedLength : body.length;
        ByteArrayOutputStream data = new ByteArrayOutputStream(cap);
        String previous = verify ? signing.seedSignature() : null;
        int pos = 0;
        int chunkNo = 0;
        while (true) {
            chunkNo++;
            int eol = findCrlf(body, pos, MAX_LINE);
            String line = new String(body, pos, eol - pos, StandardCharsets.ISO_8859_1);
            pos = eol + 2;
            int semi = line.indexOf(';');
            String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
            long size = parseHexSize(hex, chunkNo);
            String chunkSignature = null;
            if (semi >= 0) {
                for (String ext : line.substring(semi + 1).split(";")) {
                    String e = ext.strip();
                    if (e.startsWith("chunk-signature=")) {
                        chunkSignature = e.substring("chunk-signature=".length()).strip();
                    }
                }
            }
            if (size > body.length - pos) {
                throw new AwsChunkedException("IncompleteBody", 400, TRUNCATED);
            }
            int n = (int) size;
            if (verify) {
                if (chunkSignature == null) {
                    throw new AwsChunkedException("SignatureDoesNotMatch", 403,
                            "Chunk " + chunkNo + " has no chunk-signature");  // inferred
                }
                String want = signing.chunkSignature(previous, body, pos, n);
                if (!ChunkSigningContext.matches(want, chunkSignature)) {
                    throw new AwsChunkedException("SignatureDoesNotMatch", 403, S3_SIGNATURE_MISMATCH);
                }
                previous = want;
            }
            if (n == 0) {
                break;
            }
            data.write(body, pos, n);
            pos += n;
            if (body.length - pos < 2) {
                throw new AwsChunkedException("IncompleteBody", 400, TRUNCATED);
            }
            if (body[pos] != '\r' || body[pos + 1] != '\n') {
                throw new AwsChunkedException("InvalidRequest", 400,
                        "Chunk " + chunkNo + " is longer than its declared size " + hex);  // inferred
            }
            pos += 2;
        }

        // trailers: "name:value\r\n"... then an empty line; the empty line may be missing at the very end
        Map<String, String> trailers = new LinkedHashMap<>();
        StringBuilder canonicalTrailers = new StringBuilder();
        String trailerSignature = null;
        while (pos < body.length) {
            int eol;
            try {
                eol = findCrlf(body, pos, MAX_LINE);
            } catch (AwsChunkedException e) {
                throw new AwsChunkedException("MalformedTrailerError", 400, MALFORMED_TRAILER);
            }
            String line = new String(body, pos, eol - pos, StandardCharsets.UTF_8);
            pos = eol + 2;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || trailerSignature != null) {
                throw new AwsChunkedException("MalformedTrailerError", 400, MALFORMED_TRAILER);
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals(TRAILER_SIGNATURE)) {
                trailerSignature = value;
            } else {
                if (trailers.putIfAbsent(name, value) != null) {
                    throw new AwsChunkedException("MalformedTrailerError", 400, MALFORMED_TRAILER);
                }
                canonicalTrailers.append(name).append(':').append(value).append('\n');
            }
        }
        if (pos != body.length) {
            throw new AwsChunkedException("InvalidRequest", 400,
                    "Unexpected data after the end of the aws-chunked body");  // inferred
        }
        if (verify && mode.trailer && (trailerSignature != null || !trailers.isEmpty())) {
            String want = signing.trailerSignature(previous, canonicalTrailers.toString());
            if (trailerSignature == null || !ChunkSigningContext.matches(want, trailerSignature)) {
                throw new AwsChunkedException("SignatureDoesNotMatch", 403, S3_SIGNATURE_MISMATCH);
            }
        }

        byte[] bytes = data.toByteArray();
        if (expectedLength >= 0 && bytes.length != expectedLength) {
            throw new AwsChunkedException("IncompleteBody", 400,
                    "You did not provide the number of bytes specified by the Content-Length HTTP header");
        }
        checkDeclaredTrailers(declaredTrailers, trailers);
        return new Decoded(bytes, trailers, verifyChecksum(bytes, trailers));
    }

    private static void checkDeclaredTrailers(String declared, Map<String, String> trailers) {
        if (declared == null || declared.isBlank()) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (String d : declared.split(",")) {
            String n = d.strip().toLowerCase(Locale.ROOT);
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        for (String n : names) {
            if (!trailers.containsKey(n)) {
                throw new AwsChunkedException("MalformedTrailerError", 400, MALFORMED_TRAILER);
            }
        }
        for (String t : trailers.keySet()) {
            if (!names.contains(t)) {
                throw new AwsChunkedException("MalformedTrailerError", 400, MALFORMED_TRAILER);
            }
        }
    }

    private static Optional<Checksum> verifyChecksum(byte[] data, Map<String, String> trailers) {
        Checksum found = null;
        for (Map.Entry<String, String> t : trailers.entrySet()) {
            if (!t.getKey().startsWith("x-amz-checksum-")) {
                continue;
            }
            ChecksumAlgorithm alg = ChecksumAlgorithm.fromHeaderName(t.getKey())
                    .orElseThrow(() -> new AwsChunkedException("MalformedTrailerError", 400, MALFORMED_TRAILER));
            if (found != null) {
                // S3 accepts one checksum per request (inferred for trailers)
                throw new AwsChunkedException("InvalidRequest", 400,
                        "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
            }
            String actual = alg.base64(data);
            if (!actual.equals(t.getValue())) {
                throw new AwsChunkedException("BadDigest", 400,
                        "The " + alg.displayName() + " you specified did not match the calculated checksum.");
            }
            found = new Checksum(alg, actual);
        }
        return Optional.ofNullable(found);
    }

    private static long parseHexSize(String hex, int chunkNo) {
        if (hex.isEmpty() || hex.length() > 15) {
            throw new AwsChunkedException("InvalidRequest", 400,
                    "Invalid chunk size '" + hex + "' in chunk " + chunkNo);  // inferred
        }
        long v = 0;
        for (int i = 0; i < hex.length(); i++) {
            int d = Character.digit(hex.charAt(i), 16);
            if (d < 0) {
                throw new AwsChunkedException("InvalidRequest", 400,
                        "Invalid chunk size '" + hex + "' in chunk " + chunkNo);
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** Index of the next CRLF at or after {@code from}; truncation or an over-long line are errors. */
    private static int findCrlf(byte[] b, int from, int maxLine) {
        int limit = Math.min(b.length - 1, from + maxLine);
        for (int i = from; i < limit; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        if (b.length - from <= maxLine) {
            throw new AwsChunkedException("IncompleteBody", 400, TRUNCATED);
        }
        throw new AwsChunkedException("InvalidRequest", 400, "aws-chunked line longer than " + maxLine + " bytes");
    }

    private static boolean hasAwsChunkedEncoding(List<String> values) {
        for (String v : values) {
            for (String t : v.split(",")) {
                if (t.strip().equalsIgnoreCase("aws-chunked")) {
                    return true;
                }
            }
        }
        return false;
    }
}
