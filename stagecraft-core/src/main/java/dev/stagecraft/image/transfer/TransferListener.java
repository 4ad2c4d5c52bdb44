package dev.stagecraft.image.transfer;

/**
 * Receives {@link TransferEvent}s of a pull or a push. Called from the transfer threads, several
 * at once: an implementation must be thread-safe and quick (it runs in the middle of a download).
 */
@FunctionalInterface
public interface TransferListener {
    /** Ignores every event. */
    TransferListener NONE = event -> { };

    /** One step of one blob. */
    void onEvent(TransferEvent event);
}
