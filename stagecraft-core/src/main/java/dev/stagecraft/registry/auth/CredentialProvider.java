package dev.stagecraft.registry.auth;

import java.util.Optional;

/** Finds the credentials for a registry. */
@FunctionalInterface
public interface CredentialProvider {
    /** A provider that never has credentials: every registry is used anonymously. */
    CredentialProvider ANONYMOUS = registry -> Optional.empty();

    /**
     * The credentials for {@code registry}, as written in image references ({@code docker.io},
     * {@code localhost:5000}, {@code ghcr.io}), or empty to go anonymously.
     *
     * @throws AuthenticationException when a credential store exists but cannot be read
     */
    Optional<Credentials> credentials(String registry);
}
