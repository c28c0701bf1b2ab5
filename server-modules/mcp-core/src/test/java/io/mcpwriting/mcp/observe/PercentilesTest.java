package io.mcpwriting.mcp.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The health report's percentiles agree with what Prometheus' histogram_quantile makes of the same buckets. */
class PercentilesTest {

    /** 100 calls: 50 within 5 ms, 40 more within 10 ms, 10 more within 25 ms. */
    private static SortedMap<Double, Long> buckets() {
        SortedMap<Double, Long> atOrBelow = new TreeMap<>();
        atOrBelow.put(5.0, 50L);
        atOrBelow.put(10.0, 90L);
        atOrBelow.put(25.0, 100L);
        atOrBelow.put(50.0, 100L);
        return atOrBelow;
    }

    @Test
    void medianLiesAtTheTopOfTheFirstBucket() {
        assertEquals(5.0, Percentiles.fromBuckets(buckets(), 100, 50), 1e-9);
    }

    @Test
    void rankIsInterpolatedWithinItsBucketFromTheBoundBelow() {
        assertEquals(7.5, Percentiles.fromBuckets(buckets(), 100, 70), 1e-9);
        assertEquals(17.5, Percentiles.fromBuckets(buckets(), 100, 95), 1e-9);
    }

    @Test
    void firstBucketStartsAtZero() {
        assertEquals(2.5, Percentiles.fromBuckets(buckets(), 100, 25), 1e-9);
    }

    @Test
    void emptyBucketsAboveTheRankAreSkipped() {
        assertEquals(25.0, Percentiles.fromBuckets(buckets(), 100, 100), 1e-9);
    }

    @Test
    void rankBeyondTheLastBucketIsItsBound() {
        SortedMap<Double, Long> atOrBelow = new TreeMap<>();
        atOrBelow.put(5.0, 10L);
        atOrBelow.put(10.0, 20L);
        assertEquals(10.0, Percentiles.fromBuckets(atOrBelow, 40, 99), 1e-9);
    }
}
