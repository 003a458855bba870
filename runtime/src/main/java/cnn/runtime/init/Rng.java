package cnn.runtime.init;

import java.nio.charset.StandardCharsets;

/**
 * A small deterministic random generator (SplitMix64) whose output is fixed by this class alone,
 * not by the JDK version: same seed, same numbers, bit for bit, on every JVM. Named sub-streams
 * ({@link #stream(long, String)}) let each tensor or data set draw from its own sequence, so
 * adding a layer does not shift the values of the others. Not thread-safe: one per thread.
 */
public final class Rng {

    private static final long GAMMA = 0x9e3779b97f4a7c15L;

    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    public Rng(long seed) {
        this.state = mix(seed);
    }

    /** The stream for {@code name} under {@code seed}: independent of every other name's stream. */
    public static Rng stream(long seed, String name) {
        return new Rng(mix(seed) ^ hash(name));
    }

    /** A child stream named {@code name}, drawn from this generator's current position. */
    public Rng fork(String name) {
        return new Rng(nextLong() ^ hash(name));
    }

    public long nextLong() {
        state += GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long limit = (1L << 32) - (1L << 32) % bound; // largest multiple of bound below 2^32
        while (true) {
            long r = nextLong() >>> 32;
            if (r < limit) {
                return (int) (r % bound);
            }
        }
    }

    /** Uniform integer in [lo, hi], both inclusive. */
    public int nextInt(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** Standard normal (Box-Muller with StrictMath, so results do not depend on the platform). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double theta = 2.0 * StrictMath.PI * u2;
        spareGaussian = r * StrictMath.sin(theta);
        hasSpare = true;
        return r * StrictMath.cos(theta);
    }

    /** Fisher-Yates shuffle of {@code a} in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** SplitMix64's finaliser: a bijection that scrambles all bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over the UTF-8 bytes, then mixed: a stable 64-bit hash of a name. */
    static long hash(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }
}
