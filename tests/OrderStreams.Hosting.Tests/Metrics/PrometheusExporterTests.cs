using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrderStreams.Hosting.Metrics;

namespace OrderStreams.Hosting.Tests.Metrics;

public sealed class PrometheusExporterTests : IDisposable
{
    private readonly Meter meter = new($"OrderStreams.Tests.{Guid.NewGuid():N}");
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly PrometheusExporter exporter;

    public PrometheusExporterTests()
    {
        exporter = Exporter(new MetricsOptions { Meters = [meter.Name] });
    }

    public void Dispose()
    {
        exporter.Dispose();
        meter.Dispose();
        services.Dispose();
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
        var counter = meter.CreateCounter<double>("payments.amount", description: "Amount paid.");
        counter.Add(1.25);
        exporter.Scrape();
        counter.Add(0.5);

        Assert.Equal("# HELP payments_amount_total Amount paid.\n# TYPE payments_amount_total counter\npayments_amount_total 1.75\n", exporter.Scrape());
    }

    [Fact]
    public void Scrape_TagsInAnyOrder_OneSeriesLabelledInFirstOrder()
    {
        var counter = meter.CreateCounter<int>("records.processed");
        counter.Add(1, new("topic", "payments"), new("partition", 3));
        counter.Add(1, new("partition", 3), new("topic", "payments"));

        Assert.Equal(
            $"# HELP records_processed_total records.processed from meter {meter.Name}\n"
            + "# TYPE records_processed_total counter\nrecords_processed_total{topic=\"payments\",partition=\"3\"} 2\n",
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
        var gauge = meter.CreateGauge<double>("kitchen.load", "%", "Kitchen load.");
        gauge.Record(40);
        gauge.Record(72.5);

        Assert.Equal("# HELP kitchen_load_percent Kitchen load.\n# TYPE kitchen_load_percent gauge\nkitchen_load_percent 72.5\n", exporter.Scrape());
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
        meter.CreateObservableCounter("commits", () => total, description: "Commits.");

        exporter.Scrape();
        total = 9;

        Assert.Equal("# HELP commits_total Commits.\n# TYPE commits_total counter\ncommits_total 9\n", exporter.Scrape());
    }

    [Fact]
    public void Scrape_ObservableUpDownCounter_Gauge()
    {
        meter.CreateObservableUpDownCounter("orders.waiting", () => -4, description: "Orders waiting.");

        Assert.Equal("# HELP orders_waiting Orders waiting.\n# TYPE orders_waiting gauge\norders_waiting -4\n", exporter.Scrape());
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
            description: "Records per batch.",
            tags: null,
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 10, 100] });
        size.Record(1, new KeyValuePair<string, object?>("topic", "payments"));
        size.Record(50, new KeyValuePair<string, object?>("topic", "payments"));

        Assert.Equal(
            """
            # HELP batch_size Records per batch.
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
        meter.CreateObservableGauge("kafka.consumergroup.lag_seconds", () => new Measurement<double>(1.5, tags), "s", "Seconds behind.");
        meter.CreateObservableGauge("kafka.consumergroup.current_offset", () => new Measurement<long>(1000, tags), "{offset}", "Committed offset.");

        Assert.Equal(
            """
            # HELP kafka_consumergroup_current_offset Committed offset.
            # TYPE kafka_consumergroup_current_offset gauge
            kafka_consumergroup_current_offset{consumergroup="payment-completion",topic="orders.placed",partition="3"} 1000
            # HELP kafka_consumergroup_lag Messages behind the log end.
            # TYPE kafka_consumergroup_lag gauge
            kafka_consumergroup_lag{consumergroup="payment-completion",topic="orders.placed",partition="3"} 42
            # HELP kafka_consumergroup_lag_seconds Seconds behind.
            # TYPE kafka_consumergroup_lag_seconds gauge
            kafka_consumergroup_lag_seconds{consumergroup="payment-completion",topic="orders.placed",partition="3"} 1.5

            """,
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_KafkaInstrumentInSeconds_NoUnitSuffixWhereOthersGetOne()
    {
        meter.CreateObservableGauge("kafka.consumergroup.lag.time", () => 2.0, "s", "Kafka-style.");
        meter.CreateObservableGauge("consumer.lag.time", () => 2.0, "s", "Ours.");

        Assert.Equal(
            "# HELP consumer_lag_time_seconds Ours.\n# TYPE consumer_lag_time_seconds gauge\nconsumer_lag_time_seconds 2\n"
            + "# HELP kafka_consumergroup_lag_time Kafka-style.\n# TYPE kafka_consumergroup_lag_time gauge\nkafka_consumergroup_lag_time 2\n",
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_SameNameFromTwoInstrumentsOfAnotherType_KeepsTheFirst()
    {
        meter.CreateCounter<long>("restores", description: "Restores.").Add(1);
        meter.CreateObservableGauge("restores_total", () => 5, description: "Not a counter.");

        Assert.Equal("# HELP restores_total Restores.\n# TYPE restores_total counter\nrestores_total 1\n", exporter.Scrape());
    }

    [Fact]
    public void Scrape_HistogramInMilliseconds_ExportedInSeconds()
    {
        var latency = meter.CreateHistogram<long>(
            "commit.latency",
            unit: "ms",
            description: "Commit latency.",
            tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [5, 50] });
        latency.Record(3);
        latency.Record(20);

        Assert.Equal(
            """
            # HELP commit_latency_seconds Commit latency.
            # TYPE commit_latency_seconds histogram
            commit_latency_seconds_bucket{le="0.005"} 1
            commit_latency_seconds_bucket{le="0.05"} 2
            commit_latency_seconds_bucket{le="+Inf"} 2
            commit_latency_seconds_sum 0.023
            commit_latency_seconds_count 2

            """,
            exporter.Scrape());
    }

    [Fact]
    public void Scrape_CamelCaseNames_SnakeCase()
    {
        meter.CreateObservableGauge("Streams.activeTasks", () => new Measurement<int>(2, new KeyValuePair<string, object?>("threadId", 1)), description: "Tasks.");

        Assert.Equal("# HELP streams_active_tasks Tasks.\n# TYPE streams_active_tasks gauge\nstreams_active_tasks{thread_id=\"1\"} 2\n", exporter.Scrape());
    }

    [Fact]
    public void Scrape_MoreTagSetsThanTheLimit_RestInOneOverflowSeries()
    {
        using var limited = Exporter(new MetricsOptions { Meters = [meter.Name], MaxSeriesPerMetric = 2 });
        var counter = meter.CreateCounter<long>("lookups", description: "Lookups by order.");
        foreach (var order in new[] { "o1", "o2", "o3", "o4", "o1" })
            counter.Add(1, new KeyValuePair<string, object?>("order", order));

        Assert.Equal(
            """
            # HELP lookups_total Lookups by order.
            # TYPE lookups_total counter
            lookups_total{order="o1"} 2
            lookups_total{order="o2"} 1
            lookups_total{otel_metric_overflow="true"} 2

            """,
            limited.Scrape());
    }

    [Fact]
    public void Scrape_MeterFromAnotherHostsFactory_NotExported()
    {
        using var otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var ours = services.GetRequiredService<IMeterFactory>().Create(meter.Name);
        var theirs = otherHost.GetRequiredService<IMeterFactory>().Create(meter.Name);
        ours.CreateCounter<long>("placed", description: "Placed.").Add(1);
        theirs.CreateCounter<long>("placed", description: "Placed.").Add(10);
        meter.CreateCounter<long>("placed", description: "Placed.").Add(100);

        Assert.Equal("# HELP placed_total Placed.\n# TYPE placed_total counter\nplaced_total 101\n", exporter.Scrape());
    }

    [Fact]
    public void Scrape_MeterNotConfigured_NotExported()
    {
        using var other = new Meter($"Other.{Guid.NewGuid():N}");
        other.CreateCounter<long>("ignored").Add(1);

        Assert.Equal("", exporter.Scrape());
    }

    private PrometheusExporter Exporter(MetricsOptions options) =>
        new(Options.Create(options), services.GetRequiredService<IMeterFactory>(), NullLogger<PrometheusExporter>.Instance);
}
