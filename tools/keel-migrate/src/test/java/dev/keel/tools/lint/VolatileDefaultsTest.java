package dev.keel.tools.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generator asks the linter whether a default rewrites the table: the two cannot disagree. */
class VolatileDefaultsTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "now() | false",
                "0 | false",
                "'draft'::public.widget_status | false",
                "'x'::character varying(10) | false",
                "lower('A') | false",
                "gen_random_uuid() | true",
                "nextval('public.t_id_seq'::regclass) | true",
                "public.my_function() | true",
                "clock_timestamp() /* per row */ | true"
            })
    void judgesADefaultAsTheLinterDoes(String expression, boolean rewrites) {
        assertThat(VolatileDefaults.isVolatile(expression)).isEqualTo(rewrites);
    }
}
