package dev.stepline.protocol;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps access keys to accounts (and, for signature verification, to secrets).
 * <ul>
 *   <li>a configured key answers its configured account;</li>
 *   <li>an unconfigured key that is itself 12 digits is taken as the account id (handy for
 *       trying isolation: {@code AWS_ACCESS_KEY_ID=111111111111});</li>
 *   <li>any other key, or an unsigned request, gets the default account.</li>
 * </ul>
 */
public final class Accounts {
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

    public record Credentials(String accessKey, String secretKey, String account) {
        public Credentials {
            requireNonNull(accessKey, "accessKey is null");
            requireNonNull(secretKey, "secretKey is null");
            requireNonNull(account, "account is null");
            if (!ACCOUNT_ID.matcher(account).matches()) {
                throw new IllegalArgumentException("account must be 12 digits: " + account);
            }
        }
    }

    private final String defaultAccount;
    private final Map<String, Credentials> byAccessKey;

    public Accounts(String defaultAccount, Iterable<Credentials> credentials) {
        if (!ACCOUNT_ID.matcher(requireNonNull(defaultAccount, "defaultAccount is null")).matches()) {
            throw new IllegalArgumentException("default account must be 12 digits: " + defaultAccount);
        }
        this.defaultAccount = defaultAccount;
        Map<String, Credentials> map = new LinkedHashMap<>();
        credentials.forEach(c -> map.put(c.accessKey(), c));
        this.byAccessKey = Map.copyOf(map);
    }

    /**
     * Parses {@code AKID:SECRET:ACCOUNT} entries separated by commas or new lines.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static Accounts parse(String defaultAccount, String spec) {
        java.util.List<Credentials> list = new java.util.ArrayList<>();
        if (spec != null) {
            for (String entry : spec.split("[,\\n]")) {
                String trimmed = entry.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split(":");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("credentials entry must be ACCESS_KEY:SECRET:ACCOUNT, got '" + trimmed + "'");
                }
                list.add(new Credentials(parts[0], parts[1], parts[2]));
            }
        }
        return new Accounts(defaultAccount, list);
    }

    public String accountFor(String accessKey) {
        if (accessKey == null) {
            return defaultAccount;
        }
        Credentials configured = byAccessKey.get(accessKey);
        if (configured != null) {
            return configured.account();
        }
        return ACCOUNT_ID.matcher(accessKey).matches() ? accessKey : defaultAccount;
    }

    /** The secret of a configured key (only configured keys can pass signature verification). */
    public Optional<String> secretFor(String accessKey) {
        return Optional.ofNullable(byAccessKey.get(accessKey)).map(Credentials::secretKey);
    }

    public String defaultAccount() {
        return defaultAccount;
    }
}
