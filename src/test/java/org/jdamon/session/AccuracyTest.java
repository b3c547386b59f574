package org.jdamon.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.Attributes;
import org.jdamon.core.RegionsView;
import org.jdamon.truth.TruthWindow;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.Recording;
import org.jdamon.report.Distribution;
import org.jdamon.report.WorkingSetSize;
import org.jdamon.report.WssReport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Correctness in the manner of damon-tests: the p50 of {@code report wss} on the stairs-like and
 * zigzag-like workloads lies within +-10% of the true hot set, which the workloads' structure fixes (one
 * 10,000,000 B region hot per stairs phase; one 100,000,000 B region hot per zigzag phase). Also the
 * mean absolute percentage error of each aggregation's WSS against the simulator's ground truth.
 */
class AccuracyTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"stairs, 10000000", "zigzag, 100000000"})
    void p50WithinTenPercentOfTheHotSet(String workload, long hotSetBytes) throws Exception {
        SimSource source = SimSource.load(workload, 0);
        List<double[]> damonVsTruth = new ArrayList<>();
        TruthWindow truth = new TruthWindow();
        Path record = dir.resolve(workload + ".data");
        new MonitorRun(source)
                .attributes(Attributes.DAMO_DEFAULTS)
                .seed(1)
                .output(record)
                .listener((ctx, s, e) -> {
                    source.simOperations().drainWindow(0, truth);
                    RegionsView r = ctx.targets().getFirst().regions();
                    long wss = 0;
                    for (int i = 0; i < r.size(); i++) {
                        if (r.nrAccesses(i) > 0) {
                            wss += r.regionSize(i);
                        }
                    }
                    damonVsTruth.add(new double[] {wss, truth.wssBytes()});
                })
                .run();

        Recording rec = RecordFiles.read(record);
        Distribution d = WssReport.distributions(rec, WssReport.Options.DEFAULTS).values().iterator().next();
        long p50 = d.percentile(50);
        assertThat((double) p50).as("p50 WSS of %s", workload)
                .isBetween(0.9 * hotSetBytes, 1.1 * hotSetBytes);

        // Mean absolute percentage error per aggregation, past the first 20 (damo's exclude_samples).
        double sum = 0;
        int n = 0;
        for (int i = WorkingSetSize.DAMO_DEFAULT.excludeSamples(); i < damonVsTruth.size(); i++) {
            double[] w = damonVsTruth.get(i);
            if (w[1] > 0) {
                sum += Math.abs(w[0] - w[1]) / w[1];
                n++;
            }
        }
        double mape = 100 * sum / n;
        System.out.printf("accuracy %s: p50 %d B vs hot set %d B (%+.2f%%), WSS MAPE vs ground truth %.2f%% over %d"
                + " aggregations%n", workload, p50, hotSetBytes, 100.0 * (p50 - hotSetBytes) / hotSetBytes, mape, n);
        assertThat(mape).as("WSS mean absolute percentage error of %s", workload).isLessThan(10);
    }
}
