# Makes the .npy/.npz fixtures the io tests read, with numpy itself (run by hand; numpy 2.4.6).
# The files are committed; tests never run Python.
import numpy as np
from numpy.lib import format as npf

a = (np.arange(6, dtype=np.float32).reshape(2, 3) * 0.5 - 1.0)  # [[-1,-0.5,0],[0.5,1,1.5]]
np.save("f4_2x3.npy", a)
np.save("f8_2x3.npy", a.astype(np.float64))
np.save("f8_third.npy", np.array([1 / 3, 1e40], dtype=np.float64))  # rounds to float32; 1e40 overflows to inf
np.save("f4_be_2x3.npy", a.astype(">f4"))
np.save("f4_fortran_2x3.npy", np.asfortranarray(a))
np.save("f4_scalar.npy", np.float32(3.25))
np.save("f4_empty_0x4.npy", np.zeros((0, 4), dtype=np.float32))
for version in [(2, 0), (3, 0)]:
    with open("f4_v%d_2x3.npy" % version[0], "wb") as f:
        npf.write_array(f, a, version=version)
labels = np.array([9, 0, 0, 3, 0, 2, 7, 2, 5, 5], dtype=np.int64)
np.save("i8_labels.npy", labels)
np.save("u1_labels.npy", labels.astype(np.uint8))
np.save("i1_values.npy", np.array([-128, -1, 0, 127], dtype=np.int8))
np.save("i2_values.npy", np.array([-32768, 300, 32767], dtype=np.int16))
np.save("u2_values.npy", np.array([0, 65535], dtype=np.uint16))
np.save("i4_be_values.npy", np.array([-2, 70000], dtype=">i4"))
np.save("u4_values.npy", np.array([0, 4000000000], dtype=np.uint32))  # second value exceeds int32
np.save("b1_values.npy", np.array([True, False, True]))
np.save("f2_values.npy", np.array([1.0], dtype=np.float16))  # unsupported dtype

# insertion order deliberately not alphabetical
w = {"conv_1.weight": np.arange(2 * 1 * 3 * 3, dtype=np.float32).reshape(2, 1, 3, 3) / 10,
     "conv_1.bias": np.array([0.5, -0.5], dtype=np.float32),
     "dense_1.weight": np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4),
     "dense_1.bias": np.zeros(3, dtype=np.float32)}
np.savez("weights_stored.npz", **w)
np.savez_compressed("weights_deflated.npz", **w)
