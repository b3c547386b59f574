package org.jdamon.report;

/**
 * damo's region temperature ({@code --temperature_weights SIZE ACCESS_RATE AGE}, default 0 100 100):
 * {@code size * bytes + accessRate * access_rate_percent + age * age_us}, negated when the access rate
 * (in whole percent) is 0, so a region that stays hot gets hotter with age and one that stays idle gets
 * colder.
 */
public record TemperatureWeights(long size, long accessRate, long age) {
    public static final TemperatureWeights DEFAULT = new TemperatureWeights(0, 100, 100);

    /** The temperature of {@code bytes} with the given access rate (whole percent) and age. */
    public double of(double bytes, long accessRatePercent, long ageUs) {
        double score = size * bytes + (double) (accessRate * accessRatePercent) + (double) (age * ageUs);
        return accessRatePercent > 0 || score == 0 ? score : -score; // no -0.0: it would sort below 0
    }

    /** The weights with the size weight zeroed, as damo uses them for percentiles and histograms. */
    public TemperatureWeights withoutSize() {
        return new TemperatureWeights(0, accessRate, age);
    }

    /** damo's (Python list) rendering, {@code [0, 100, 100]}. */
    @Override
    public String toString() {
        return "[" + size + ", " + accessRate + ", " + age + "]";
    }
}
