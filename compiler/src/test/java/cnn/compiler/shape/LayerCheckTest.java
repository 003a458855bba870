package cnn.compiler.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnn.compiler.diag.Diagnostic;
import cnn.compiler.diag.Reporter;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Counting that reports instead of overflowing (E0403), below what the rules can reach today. */
class LayerCheckTest {

    @Test
    void productThatOverflowsALongIsReported() {
        Reporter r = new Reporter();
        LayerCheck check = new LayerCheck("conv_1", Layers.SPAN, r);
        assertEquals(OptionalLong.of(6), check.product("the MAC count", 1, 2, 3));
        assertTrue(check.product("the MAC count", Long.MAX_VALUE / 2, 3).isEmpty());
        Diagnostic d = r.diagnostics().get(0);
        assertEquals(1, r.diagnostics().size());
        assertEquals("E0403", d.code());
        assertEquals("conv_1: the MAC count is larger than 9,223,372,036,854,775,807", d.message());
        assertEquals("make the layer smaller", d.hint());
    }

    @Test
    void sumThatOverflowsALongIsReported() {
        Reporter r = new Reporter();
        LayerCheck check = new LayerCheck("concat_1", Layers.SPAN, r);
        assertEquals(OptionalLong.of(5), check.sum("the channel count", 2, 3));
        assertTrue(check.sum("the channel count", Long.MAX_VALUE, 1).isEmpty());
        assertEquals("concat_1: the channel count is larger than 9,223,372,036,854,775,807",
                r.diagnostics().get(0).message());
    }

    @Test
    void theLargestArrayStillFits() {
        Reporter r = new Reporter();
        LayerCheck check = new LayerCheck("d", Layers.SPAN, r);
        assertEquals(OptionalLong.of(Integer.MAX_VALUE - 8), check.weight(Integer.MAX_VALUE - 8, 1));
        assertTrue(check.weight(Integer.MAX_VALUE - 7, 1).isEmpty());
        assertEquals(1, r.diagnostics().size());
    }
}
