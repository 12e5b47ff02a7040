package io.hookguard.domain.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.idempotency.InvalidInputException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageIdTest {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    @Test
    void randomIdsAreDistinctAndEveryPositionTakesEveryLetterOfTheAlphabet() {
        Set<String> ids = new HashSet<>();
        @SuppressWarnings("unchecked")
        Set<Character>[] seen = new Set[26];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = new HashSet<>();
        }
        for (int n = 0; n < 5000; n++) {
            String value = MessageId.random().value();
            assertThat(value).matches("msg_[" + ALPHABET + "]{26}");
            ids.add(value);
            for (int i = 0; i < 26; i++) {
                seen[i].add(value.charAt(4 + i));
            }
        }

        assertThat(ids).hasSize(5000);
        for (int i = 0; i < 26; i++) {
            assertThat(seen[i]).as("letters seen at position %d", i).hasSize(32);
        }
    }

    @Test
    void anIdNotOfTheFormIsRefused() {
        assertThatThrownBy(() -> new MessageId("msg-1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("messageId");
    }
}
