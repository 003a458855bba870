package cnn.compiler.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedValuesIndentedWithKeysInOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", "x\"y\\z\n");
        m.put("list", List.of(1.5, 2L, true));
        m.put("empty", List.of());
        m.put("none", null);
        m.put("rows", List.of(Map.of("k", 0.25)));
        assertEquals("""
                {
                  "b": 1,
                  "a": "x\\"y\\\\z\\n",
                  "list": [1.5, 2, true],
                  "empty": [],
                  "none": null,
                  "rows": [
                    {
                      "k": 0.25
                    }
                  ]
                }
                """, Json.write(m));
    }

    @Test
    void numbersJsonCannotHoldBecomeNull() {
        assertEquals("[null, null, null, 3.0, 1.0E-4]\n",
                Json.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Float.NaN, 3.0, 1e-4)));
        assertEquals("\"\\u0001\"\n", Json.write("\u0001"));
    }
}
