package cnn.compiler.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void durationsReadLikeAClock() {
        assertEquals("0s", Formats.duration(0.2));
        assertEquals("59s", Formats.duration(59.4));
        assertEquals("1m00s", Formats.duration(59.6));
        assertEquals("3m05s", Formats.duration(185));
        assertEquals("1h02m03s", Formats.duration(3723));
        assertEquals("-", Formats.duration(Double.NaN));
    }

    @Test
    void accuraciesArePerCentAndMissingOnesADash() {
        assertEquals("90.12%", Formats.percent(0.90123));
        assertEquals("-", Formats.percent(Double.NaN));
        assertEquals("0.1235", Formats.loss(0.123456));
        assertEquals("NaN", Formats.loss(Double.NaN));
        assertEquals("1801 img/s", Formats.rate(1800.6));
    }
}
