package org.framescope.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters that check the range of numeric options while picocli parses the command line, so a
 * bad value is a one-line usage error (exit 2) before any file is read or a model loaded. Every
 * numeric option of every command names one of these ({@code CliOptionsTest} checks that).
 */
final class NumericOptions {

    private NumericOptions() {}

    static int integer(String v, long min, long max, String what) {
        return (int) whole(v, Math.max(min, Integer.MIN_VALUE), Math.min(max, Integer.MAX_VALUE), what);
    }

    static long whole(String v, long min, long max, String what) {
        long n;
        try {
            n = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + v + "' is not " + what);
        }
        if (n < min || n > max) {
            throw new TypeConversionException(n + " is out of range: expected " + what);
        }
        return n;
    }

    static double real(String v, double min, boolean minIncluded, double max, boolean maxIncluded, String what) {
        double d;
        try {
            d = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + v + "' is not " + what);
        }
        boolean ok = Double.isFinite(d) && (minIncluded ? d >= min : d > min) && (maxIncluded ? d <= max : d < max);
        if (!ok) {
            throw new TypeConversionException(v.strip() + " is out of range: expected " + what);
        }
        return d;
    }

    /** 1 or more: counts, sizes, limits, seconds that must pass. */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            return integer(v, 1, Integer.MAX_VALUE, "a whole number of 1 or more");
        }
    }

    /** 1 or more, as a long (byte and request budgets). */
    static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String v) {
            return whole(v, 1, Long.MAX_VALUE, "a whole number of 1 or more");
        }
    }

    /** 0 or more: 0 has a meaning of its own (all cores, no warm-up, linear heads, no errors shown). */
    static final class NonNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            return integer(v, 0, Integer.MAX_VALUE, "a whole number of 0 or more");
        }
    }

    /** An encoder window in tokens, [CLS] and [SEP] included: 8 to the BERT position limit. */
    static final class Window implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            return integer(
                    v,
                    8,
                    org.framescope.encode.EncoderSpec.MAX_WINDOW,
                    "a window of 8 to " + org.framescope.encode.EncoderSpec.MAX_WINDOW + " tokens");
        }
    }

    /** Any long: seeds. */
    static final class AnyLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String v) {
            return whole(v, Long.MIN_VALUE, Long.MAX_VALUE, "a whole number");
        }
    }

    /** A TCP port; 0 picks a free one. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            return integer(v, 0, 65535, "a port from 0 to 65535");
        }
    }

    /** Cross-validation needs at least two folds: one to hold out, one to train on. */
    static final class Folds implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String v) {
            return integer(v, 2, Integer.MAX_VALUE, "a whole number of 2 or more");
        }
    }

    /** Above 0 and finite: learning rates. */
    static final class PositiveReal implements ITypeConverter<Double> {
        @Override
        public Double convert(String v) {
            return real(v, 0, false, Double.MAX_VALUE, true, "a number above 0");
        }
    }

    /** 0 or above and finite: penalties. */
    static final class NonNegativeReal implements ITypeConverter<Double> {
        @Override
        public Double convert(String v) {
            return real(v, 0, true, Double.MAX_VALUE, true, "a number of 0 or more");
        }
    }

    /** Strictly between 0 and 1: shares held out, confidence levels. */
    static final class OpenFraction implements ITypeConverter<Double> {
        @Override
        public Double convert(String v) {
            return real(v, 0, false, 1, false, "a number between 0 and 1 (both excluded)");
        }
    }

    /** From 0 up to, not including, 1: dropout (1 would drop everything). */
    static final class Dropout implements ITypeConverter<Double> {
        @Override
        public Double convert(String v) {
            return real(v, 0, true, 1, false, "a number from 0 up to (not including) 1");
        }
    }

    /** Above 0 up to 1: shares of the training data. */
    static final class Share implements ITypeConverter<Double> {
        @Override
        public Double convert(String v) {
            return real(v, 0, false, 1, true, "a number above 0 and at most 1");
        }
    }
}
