package io.hookguard.app;

/** Invalid configuration; the message is one line naming the variable and the accepted form. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
