package io.mcpwriting.mcp.observe;

import java.util.Map;
import java.util.SortedMap;

/** Percentiles from cumulative histogram buckets, as Prometheus' {@code histogram_quantile} computes them. */
final class Percentiles {

    private Percentiles() {
    }

    /**
     * The p-th percentile (0-100) of {@code count} observations, given for each bucket's upper bound (in ascending
     * order) how many were at or below it: linear within the bucket that holds the rank, from the bucket below's
     * bound (0 for the first); the highest bound when the rank lies beyond it.
     */
    static double fromBuckets(SortedMap<Double, Long> atOrBelow, long count, double p) {
        double rank = p / 100 * count;
        double lowerBound = 0;
        long below = 0;
        for (Map.Entry<Double, Long> bucket : atOrBelow.entrySet()) {
            if (bucket.getValue() >= rank && bucket.getValue() > below) {
                return lowerBound + (bucket.getKey() - lowerBound) * (rank - below) / (bucket.getValue() - below);
            }
            lowerBound = bucket.getKey();
            below = bucket.getValue();
        }
        return lowerBound;
    }
}
