package dev.stagecraft.registry.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * What a user authenticates to a registry with: a user name and password, or an identity token
 * (a refresh token that {@code docker login} stores for registries that issue one).
 *
 * @param username      the user name; {@code <token>} or empty for an identity token
 * @param password      the password, or empty for an identity token
 * @param identityToken the identity token, or empty for a user name and password
 */
public record Credentials(String username, String password, String identityToken) {

    public Credentials {
        username = Objects.requireNonNullElse(username, "");
        password = Objects.requireNonNullElse(password, "");
        identityToken = Objects.requireNonNullElse(identityToken, "");
    }

    /** A user name and password. */
    public static Credentials basic(String username, String password) {
        return new Credentials(username, password, "");
    }

    /** An identity (refresh) token. */
    public static Credentials identityToken(String token) {
        return new Credentials("", "", token);
    }

    /** True when this is an identity token rather than a password. */
    public boolean isIdentityToken() {
        return !identityToken.isEmpty();
    }

    /** The value of an {@code Authorization: Basic} header for the user name and password. */
    public String basicHeader() {
        String pair = username + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Never prints the secret: credentials end up in logs through exception messages. */
    @Override
    public String toString() {
        return isIdentityToken() ? "Credentials[identity token]" : "Credentials[user=" + username + "]";
    }
}
