package dev.stepline.objects;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The S3 "additional checksum" algorithms, as named in {@code x-amz-checksum-<alg>} headers and trailers and in
 * {@code x-amz-sdk-checksum-algorithm}. Values are the base64 of the big-endian checksum bytes.
 */
public enum ChecksumAlgorithm {
    CRC32("crc32"),
    CRC32C("crc32c"),
    CRC64NVME("crc64nvme"),
    SHA1("sha1"),
    SHA256("sha256");

    private static final String PREFIX = "x-amz-checksum-";
    private final String suffix;

    ChecksumAlgorithm(String suffix) {
        this.suffix = suffix;
    }

    /** {@code x-amz-checksum-crc32} etc. */
    public String headerName() {
        return PREFIX + suffix;
    }

    /** The algorithm of an {@code x-amz-checksum-*} header or trailer name (case-insensitive). */
    public static Optional<ChecksumAlgorithm> fromHeaderName(String name) {
        if (name == null || name.length() <= PREFIX.length() || !name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        return fromName(name.substring(PREFIX.length()));
    }

    /** The algorithm named {@code CRC32}, {@code crc64nvme}, ... (case-insensitive), as in x-amz-sdk-checksum-algorithm. */
    public static Optional<ChecksumAlgorithm> fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (ChecksumAlgorithm a : values()) {
            if (a.suffix.equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The checksum of {@code data}, base64-encoded as S3 transmits it. */
    public String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(digest(data));
    }

    /** The raw big-endian checksum bytes. */
    public byte[] digest(byte[] data) {
        return switch (this) {
            case CRC32 -> {
                CRC32 c = new CRC32();
                c.update(data);
                yield int32(c.getValue());
            }
            case CRC32C -> {
                CRC32C c = new CRC32C();
                c.update(data);
                yield int32(c.getValue());
            }
            case CRC64NVME -> int64(Crc64Nvme.compute(data));
            case SHA1 -> md("SHA-1", data);
            case SHA256 -> md("SHA-256", data);
        };
    }

    /** S3's name for the algorithm in error messages ("The CRC32 you specified did not match ..."). */
    public String displayName() {
        return name();
    }

    private static byte[] md(String alg, byte[] data) {
        try {
            return MessageDigest.getInstance(alg).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] int32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] int64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }

    /**
     * CRC-64/NVME: reflected, polynomial 0xAD93D23594C93659 (reflected form 0x9A6BB33C4D9C7B2F), initial value and
     * final XOR all ones; check value for "123456789" is 0xAE8B14860A799888. The AWS Java SDK only offers it through
     * the native CRT library, hence this table-driven implementation.
     */
    static final class Crc64Nvme {
        private static final long[] TABLE = new long[256];

        static {
            final long poly = 0x9A6BB33C4D9C7B2FL;
            for (int i = 0; i < 256; i++) {
                long crc = i;
                for (int k = 0; k < 8; k++) {
                    crc = (crc & 1) != 0 ? (crc >>> 1) ^ poly : crc >>> 1;
                }
                TABLE[i] = crc;
            }
        }

        private Crc64Nvme() {
        }

        static long compute(byte[] data) {
            long crc = ~0L;
            for (byte b : data) {
                crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
            }
            return ~crc;
        }
    }
}
