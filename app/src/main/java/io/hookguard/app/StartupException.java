package io.hookguard.app;

/** Hookguard cannot start; the message is one line saying what is wrong and what to do about it. */
final class StartupException extends RuntimeException {

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
