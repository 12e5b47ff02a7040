package io.hookguard.http;

/**
 * Decides whether a request may start; the server's shutdown closes it so that no new request begins while those in
 * flight are drained. A request refused here is answered 503 "shutting down".
 */
public interface AdmissionGate {

    /** Admits a request (counting it as in flight) unless the gate is closed; an admitted request ends with exit. */
    boolean enter();

    /** Ends a request that {@link #enter()} admitted. */
    void exit();

    /** A gate that admits every request and counts nothing. */
    static AdmissionGate alwaysOpen() {
        return new AdmissionGate() {
            @Override
            public boolean enter() {
                return true;
            }

            @Override
            public void exit() {
            }
        };
    }
}
