using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrderStreams.Hosting.Metrics;

namespace OrderStreams.Hosting.Tests.Metrics;

public sealed class PrometheusExporterTests : IDisposable
{
    private readonly Meter meter = new($"OrderStreams.Tests.{Guid.NewGuid():N}");
    private readonly PrometheusExporter exporter;

    public PrometheusExporterTests()
    {
        exporter = new PrometheusExporter(Options.Create(new MetricsOptions { Meters = [meter.Name] }), NullLogger<PrometheusExporter>.Instance);
    }

    public void Dispose()
    {
        exporter.Dispose();
        meter.Dispose();
    }

    [Fact]
    public void Scrape_Counter_CumulativeTotalPerTagSet()
    {
        var counter = meter.CreateCounter<long>("orders.placed", "{order}", "Orders placed.");
        counter.Add(2, new KeyValuePair<string, object?>("branch", "b1"));
        counter.Add(1, new KeyValuePair<string, object?>("branch", "b2"));
        counter.Add(3, new KeyValuePair<string, object?>("branch", "b1"));

        Assert.Equal(
            """
            # HELP orders_placed_total Orders placed.
            # TYPE orders_placed_total counter
            orders_placed_total{branch="b1"} 5
            orders_placed_total{branch="b2"} 1

            """,
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_CounterScrapedTwice_KeepsCounting()
    {
        var counter = meter.CreateCounter<double>("payments.amount");
        counter.Add(1.25);
        exporter.Scrape();
        counter.Add(0.5);

        Assert.Equal("# TYPE payments_amount_total counter\npayments_amount_total 1.75\n", exporter.Scrape());
    }

    [Fact]
    public void Scrape_TagsInAnyOrder_OneSeriesWithSortedLabels()
    {
        var counter = meter.CreateCounter<int>("records.processed");
        counter.Add(1, new("topic", "payments"), new("partition", 3));
        counter.Add(1, new("partition", 3), new("topic", "payments"));

        Assert.Equal(
            "# TYPE records_processed_total counter\nrecords_processed_total{partition=\"3\",topic=\"payments\"} 2\n",
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_UpDownCounter_GaugeOfTheRunningSum()
    {
        var active = meter.CreateUpDownCounter<long>("tasks.active", description: "Stream tasks running.");
        active.Add(5);
        active.Add(-2);

        Assert.Equal("# HELP tasks_active Stream tasks running.\n# TYPE tasks_active gauge\ntasks_active 3\n", exporter.Scrape());
    }

    [Fact]
    public void Scrape_Gauge_LastValue()
    {
        var gauge = meter.CreateGauge<double>("kitchen.load", "%");
        gauge.Record(40);
        gauge.Record(72.5);

        Assert.Equal("# TYPE kitchen_load_percent gauge\nkitchen_load_percent 72.5\n", exporter.Scrape());
    }

    [Fact]
    public void Scrape_ObservableGauge_OnlySeriesReportedInThisScrape()
    {
        var partitions = new Dictionary<int, long> { [0] = 10, [1] = 20 };
        meter.CreateObservableGauge(
            "store.entries",
            () => partitions.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("partition", p.Key))),
            description: "Entries in the state store.");

        var first = exporter.Scrape();
        partitions.Remove(0);
        partitions[1] = 25;
        var second = exporter.Scrape();
        partitions.Clear();
        var third = exporter.Scrape();

        Assert.Equal(
            "# HELP store_entries Entries in the state store.\n# TYPE store_entries gauge\nstore_entries{partition=\"0\"} 10\nstore_entries{partition=\"1\"} 20\n",
            first);
        Assert.Equal("# HELP store_entries Entries in the state store.\n# TYPE store_entries gauge\nstore_entries{partition=\"1\"} 25\n", second);
        Assert.Equal("", third);
    }

    [Fact]
    public void Scrape_ObservableCounter_ReportedTotalAsCounter()
    {
        var total = 7L;
        meter.CreateObservableCounter("commits", () => total);

        exporter.Scrape();
        total = 9;

        Assert.Equal("# TYPE commits_total counter\ncommits_total 9\n", exporter.Scrape());
    }

    [Fact]
    public void Scrape_ObservableUpDownCounter_Gauge()
    {
        meter.CreateObservableUpDownCounter("orders.waiting", () => -4);

        Assert.Equal("# TYPE orders_waiting gauge\norders_waiting -4\n", exporter.Scrape());
    }

    [Fact]
    public void Scrape_HistogramInSeconds_DefaultBucketsCumulative()
    {
        var duration = meter.CreateHistogram<double>("process.duration", "s", "Time to process one record.");
        duration.Record(0.003);
        duration.Record(0.003);
        duration.Record(0.2);
        duration.Record(30);

        Assert.Equal(
            """
            # HELP process_duration_seconds Time to process one record.
            # TYPE process_duration_seconds histogram
            process_duration_seconds_bucket{le="0.001"} 0
            process_duration_seconds_bucket{le="0.0025"} 0
            process_duration_seconds_bucket{le="0.005"} 2
            process_duration_seconds_bucket{le="0.01"} 2
            process_duration_seconds_bucket{le="0.025"} 2
            process_duration_seconds_bucket{le="0.05"} 2
            process_duration_seconds_bucket{le="0.1"} 2
            process_duration_seconds_bucket{le="0.25"} 3
            process_duration_seconds_bucket{le="0.5"} 3
            process_duration_seconds_bucket{le="1"} 3
            process_duration_seconds_bucket{le="2.5"} 3
            process_duration_seconds_bucket{le="5"} 3
            process_duration_seconds_bucket{le="10"} 3
            process_duration_seconds_bucket{le="+Inf"} 4
            process_duration_seconds_sum 30.206
            process_duration_seconds_count 4

            """,
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_HistogramWithAdvice_AdvisedBucketsAndLabelsBeforeLe()
    {
        var size = meter.CreateHistogram<int>(
            "batch.size",
            unit: "{record}",
            description: null,
            tags: null,
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 10, 100] });
        size.Record(1, new KeyValuePair<string, object?>("topic", "payments"));
        size.Record(50, new KeyValuePair<string, object?>("topic", "payments"));

        Assert.Equal(
            """
            # TYPE batch_size histogram
            batch_size_bucket{topic="payments",le="1"} 1
            batch_size_bucket{topic="payments",le="10"} 1
            batch_size_bucket{topic="payments",le="100"} 2
            batch_size_bucket{topic="payments",le="+Inf"} 2
            batch_size_sum{topic="payments"} 51
            batch_size_count{topic="payments"} 2

            """,
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_LabelValuesAndHelp_EscapedPerFormat()
    {
        var counter = meter.CreateCounter<long>("dlq.records", description: "Records sent to the \"DLQ\",\nby C:\\path.");
        counter.Add(1, new("error.type", "bad \"value\" \\ at\nline 2"), new("retried", true));

        Assert.Equal(
            """
            # HELP dlq_records_total Records sent to the "DLQ",\nby C:\\path.
            # TYPE dlq_records_total counter
            dlq_records_total{error_type="bad \"value\" \\ at\nline 2",retried="true"} 1

            """,
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_KafkaConsumerGroupInstruments_KafkaExporterNamesWithoutUnitSuffix()
    {
        KeyValuePair<string, object?>[] tags = [new("consumergroup", "payment-completion"), new("topic", "orders.placed"), new("partition", 3)];
        meter.CreateObservableGauge("kafka.consumergroup.lag", () => new Measurement<long>(42, tags), "{message}", "Messages behind the log end.");
        meter.CreateObservableGauge("kafka.consumergroup.lag_seconds", () => new Measurement<double>(1.5, tags), "s");
        meter.CreateObservableGauge("kafka.consumergroup.current_offset", () => new Measurement<long>(1000, tags), "{offset}");

        Assert.Equal(
            """
            # TYPE kafka_consumergroup_current_offset gauge
            kafka_consumergroup_current_offset{consumergroup="payment-completion",partition="3",topic="orders.placed"} 1000
            # HELP kafka_consumergroup_lag Messages behind the log end.
            # TYPE kafka_consumergroup_lag gauge
            kafka_consumergroup_lag{consumergroup="payment-completion",partition="3",topic="orders.placed"} 42
            # TYPE kafka_consumergroup_lag_seconds gauge
            kafka_consumergroup_lag_seconds{consumergroup="payment-completion",partition="3",topic="orders.placed"} 1.5

            """,
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_KafkaInstrumentInSeconds_NoUnitSuffixWhereOthersGetOne()
    {
        meter.CreateObservableGauge("kafka.consumergroup.lag.time", () => 2.0, "s");
        meter.CreateObservableGauge("consumer.lag.time", () => 2.0, "s");

        Assert.Equal(
            "# TYPE consumer_lag_time_seconds gauge\nconsumer_lag_time_seconds 2\n# TYPE kafka_consumergroup_lag_time gauge\nkafka_consumergroup_lag_time 2\n",
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_SameNameFromTwoInstrumentsOfAnotherType_KeepsTheFirst()
    {
        meter.CreateCounter<long>("restores").Add(1);
        meter.CreateObservableGauge("restores_total", () => 5);

        Assert.Equal("# TYPE restores_total counter\nrestores_total 1\n", exporter.Scrape());
    }

    [Fact]
    public void Scrape_MeterNotConfigured_NotExported()
    {
        using var other = new Meter($"Other.{Guid.NewGuid():N}");
        other.CreateCounter<long>("ignored").Add(1);

        Assert.Equal("", exporter.Scrape());
    }
}
