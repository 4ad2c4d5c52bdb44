package dev.stagecraft.registry;

import javax.net.ssl.SSLContext;

/**
 * Makes the TLS context of HTTPS connections that check certificates. Asked only when such a
 * connection is needed: setting one up loads and parses the system's CA certificates, a cost a
 * pull from a plain-HTTP registry should not pay.
 */
@FunctionalInterface
interface TlsContextFactory {
    /** A context trusting the system's CAs. */
    SSLContext create();

    /** The system's CAs, and those of the options' extra CA file when they name one. */
    static TlsContextFactory of(RegistryOptions options) {
        return () -> options.extraCaFile().map(TlsContexts::withExtraCa).orElseGet(TlsContexts::systemDefault);
    }
}
