package org.jdamon.core;

import java.math.BigInteger;

/** The kernel's unsigned-long arithmetic helpers, overflow-safe where the kernel uses {@code mult_frac}. */
public final class UnsignedMath {
    public static final long ULONG_MAX = -1L;

    private UnsignedMath() {}

    /** An unsigned 64-bit value as a double, rounded to nearest-even like a conversion of the exact value. */
    public static double toDouble(long v) {
        return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
    }

    /** {@code x * numer / denom} for non-negative operands without intermediate overflow. */
    public static long mulDiv(long x, long numer, long denom) {
        long product = x * numer;
        if (Math.multiplyHigh(x, numer) == 0 && product >= 0) {
            return product / denom;
        }
        return BigInteger.valueOf(x)
                .multiply(BigInteger.valueOf(numer))
                .divide(BigInteger.valueOf(denom))
                .longValue();
    }

    /** Size-weighted average {@code (a*sa + b*sb) / (sa+sb)} as in the kernel's region merge. */
    public static long weightedAverage(long a, long sa, long b, long sb) {
        long total = sa + sb;
        if (total == 0) {
            return 0;
        }
        try {
            return Math.addExact(Math.multiplyExact(a, sa), Math.multiplyExact(b, sb)) / total;
        } catch (ArithmeticException overflow) {
            return BigInteger.valueOf(a)
                    .multiply(BigInteger.valueOf(sa))
                    .add(BigInteger.valueOf(b).multiply(BigInteger.valueOf(sb)))
                    .divide(BigInteger.valueOf(total))
                    .longValue();
        }
    }

    public static long alignDown(long v, long align) {
        return v - Long.remainderUnsigned(v, align);
    }

    public static long alignUp(long v, long align) {
        long r = Long.remainderUnsigned(v, align);
        return r == 0 ? v : v + (align - r);
    }
}
