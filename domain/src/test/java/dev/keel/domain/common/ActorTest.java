package dev.keel.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActorTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "line\nbreak"})
    void refusesBadActors(String subject) {
        assertThatThrownBy(() -> new Actor(subject))
                .isInstanceOf(RuleViolationException.class)
                .extracting(e -> ((RuleViolationException) e).field())
                .isEqualTo("actor");
    }

    @Test
    void actorsMayBe255CharactersCountingCodePoints() {
        assertThat(new Actor("😀".repeat(255)).subject()).hasSize(510);
        assertThatThrownBy(() -> new Actor("x".repeat(256))).hasMessageContaining("at most 255");
        assertThat(Actor.system()).isEqualTo(new Actor("system"));
    }
}
