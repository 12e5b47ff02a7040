package io.hookguard.domain.outbox;

/**
 * What one dispatch pass did.
 *
 * @param leased    messages leased
 * @param delivered attempts that delivered
 * @param retried   failed attempts that will be retried
 * @param dead      attempts after which the message is dead
 * @param lost      attempts whose lease had been lost before they were settled (another instance owns them)
 * @param released  leased messages given back unattempted because the dispatcher is stopping
 */
public record DispatchPass(int leased, int delivered, int retried, int dead, int lost, int released) {

    public static final DispatchPass NOTHING = new DispatchPass(0, 0, 0, 0, 0, 0);

    public int attempted() {
        return leased - released;
    }
}
