package it.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Net is built from a block imported from lib/blocks.cnn. */
class NetTest {

    @Test
    void theImportedBlockShapesTheModel() {
        // stage(8): conv 3*3*3*8 + 8 = 224, 16x16 -> 8x8; stage(16): 3*3*8*16 + 16 = 1168, 8x8 -> 4x4;
        // dense on 4*4*16 = 256 values: 256*10 + 10 = 2570.
        assertEquals(224 + 1168 + 2570, Net.PARAMETER_COUNT);
        assertEquals(10, Net.OUTPUT_SIZE);
        assertEquals(10, Net.init(1).predict(new float[16 * 16 * 3]).length);
    }
}
