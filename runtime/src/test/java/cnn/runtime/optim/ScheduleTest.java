package cnn.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ScheduleTest {

    @TestFactory
    Stream<DynamicTest> ratesMatchTorchSchedulers() {
        OptimFixtures fixtures = OptimFixtures.load();
        assertEquals(5, fixtures.lrs.size());
        return fixtures.lrs.stream().map(l -> DynamicTest.dynamicTest(String.join(" ", l.schedule()), () -> {
            Schedule s = OptimFixtures.schedule(l.schedule());
            for (int t = 0; t <= l.total(); t++) {
                assertEquals(l.lrs()[t], s.lr(1.0, t, l.total()), 1e-12, "t = " + t);
            }
        }));
    }

    @Test
    void stepDecaysOnceEveryInterval() {
        Schedule s = new Schedule.Step(30, 0.1);
        assertEquals(0.1, s.lr(0.1, 29, 90), 1e-15);
        assertEquals(0.01, s.lr(0.1, 30, 90), 1e-15);
        assertEquals(0.001, s.lr(0.1, 60, 90), 1e-15);
    }

    @Test
    void cosineIsHalfWayAtHalfTimeAndStaysAtZero() {
        Schedule s = new Schedule.Cosine();
        assertEquals(0.05, s.lr(0.1, 50, 100), 1e-15);
        assertEquals(0.0, s.lr(0.1, 100, 100));
        assertEquals(0.0, s.lr(0.1, 130, 100));
        for (int t = 1; t <= 100; t++) {
            assertTrue(s.lr(0.1, t, 100) < s.lr(0.1, t - 1, 100), "falls at every step, t = " + t);
        }
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Schedule.Step(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Schedule.Step(2, 0));
        assertThrows(IllegalArgumentException.class, () -> new Schedule.Constant().lr(0.1, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> new Schedule.Cosine().lr(0.1, 0, 0));
    }
}
