package io.hookguard.app;

import com.google.inject.Module;
import java.util.List;

/** Chooses where idempotency keys live, from configuration; the choice is made here, not inside a module. */
final class IdempotencyStores {

    private IdempotencyStores() {
    }

    /** The module for the configured store; resources it opens are added to {@code opened} for closing. */
    static Module moduleFor(HookguardConfig config, List<AutoCloseable> opened) {
        return switch (config.store()) {
            case DATABASE -> new DatabaseIdempotencyStoreModule();
            case REDIS -> throw new ConfigException("HOOKGUARD_STORE=redis is not available in this build yet");
        };
    }
}
