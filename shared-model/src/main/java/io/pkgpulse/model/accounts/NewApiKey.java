package io.pkgpulse.model.accounts;

/**
 * A key just generated: the entity (which stores only the key's hash) and the key itself,
 * to show to its user once. {@link #toString()} never prints the key.
 */
public record NewApiKey(ApiKey apiKey, String key) {

    @Override
    public String toString() {
        return "NewApiKey[" + apiKey + "]";
    }
}
