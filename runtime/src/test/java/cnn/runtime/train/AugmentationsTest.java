package cnn.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cnn.runtime.data.Augmentation;
import java.util.List;
import org.junit.jupiter.api.Test;

class AugmentationsTest {

    @Test
    void readsTheFourFormsOfTheTrainSection() {
        // SPEC §1.5: augment flip(horizontal) rotate(15) crop(4) brightness(0.1)
        assertEquals(List.of(new Augmentation.Flip(true, false), new Augmentation.Rotate(15),
                        new Augmentation.Crop(4), new Augmentation.Brightness(0.1)),
                Augmentations.parse(List.of("flip(horizontal)", "rotate(15)", "crop(4)", "brightness(0.1)")));
        assertEquals(new Augmentation.Flip(false, true), Augmentations.parse("flip(vertical)"));
        assertEquals(new Augmentation.Flip(true, false), Augmentations.parse("flip"));
        assertEquals(new Augmentation.Rotate(7.5), Augmentations.parse(" rotate( 7.5 ) "));
    }

    @Test
    void refusesWhatItDoesNotKnowInWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Augmentations.parse("shear(3)"));
        assertEquals("unknown augmentation 'shear(3)' (known: flip(horizontal), rotate(DEGREES), crop(PIXELS), "
                + "brightness(DELTA))", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Augmentations.parse("crop(2.5)"));
        assertEquals("augmentation crop(2.5): crop takes a whole number of pixels", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Augmentations.parse("rotate(x)"));
        assertEquals("augmentation rotate(x) needs a number >= 0 in its parentheses", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Augmentations.parse("flip(diagonal)"));
        assertEquals("augmentation flip(diagonal): flip takes horizontal, vertical or both", e.getMessage());
    }
}
