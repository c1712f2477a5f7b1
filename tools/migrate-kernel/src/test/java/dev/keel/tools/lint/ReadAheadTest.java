package dev.keel.tools.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scripts read on several threads come back in order, each read once, failures where they belong. */
class ReadAheadTest {

    @Test
    @Timeout(10)
    void everyScriptIsReadOnceAndAnsweredInOrderWhateverThreadReadIt() {
        int count = 2_000;
        AtomicIntegerArray reads = new AtomicIntegerArray(count);
        ReadAhead<String> ahead = new ReadAhead<>(IntStream.range(0, count)
                .<Supplier<String>>mapToObj(i -> () -> {
                    reads.incrementAndGet(i);
                    return "script " + i;
                })
                .toList());

        List<String> got = IntStream.range(0, count).mapToObj(ahead::get).toList();

        assertThat(got)
                .containsExactlyElementsOf(
                        IntStream.range(0, count).mapToObj(i -> "script " + i).toList());
        assertThat(IntStream.range(0, count).map(reads::get)).containsOnly(1);
    }

    @Test
    @Timeout(10)
    void aScriptThatFailsFailsWhereItIsAskedForAndAnErrorDoesNotHangTheReader() {
        ReadAhead<String> ahead = new ReadAhead<>(List.of(
                () -> "first",
                () -> {
                    throw new IllegalArgumentException("unreadable second");
                },
                () -> {
                    throw new StackOverflowError("deep third");
                },
                () -> "fourth"));

        assertThat(ahead.get(0)).isEqualTo("first");
        assertThatThrownBy(() -> ahead.get(1)).hasMessage("unreadable second");
        assertThatThrownBy(() -> ahead.get(2)).isInstanceOf(StackOverflowError.class);
        assertThat(ahead.get(3)).isEqualTo("fourth");
    }
}
