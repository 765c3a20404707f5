using System.Buffers;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrderStreams.Hosting.Metrics;

namespace OrderStreams.Benchmarks.Hosting;

/// <summary>
/// The cost a stream thread pays per measurement (series already there), and one scrape of a service-sized
/// exposition: 40 counters and 10 histograms, 24 series each (12 partitions × 2 topics), plus an observable lag gauge.
/// </summary>
[MemoryDiagnoser]
public class PrometheusExporterBenchmarks
{
    private static readonly KeyValuePair<string, object?> Topic = new("topic", "orders.placed");
    private static readonly KeyValuePair<string, object?> Partition = new("partition", 7);

    private ServiceProvider services = null!;
    private Meter meter = null!;
    private PrometheusExporter exporter = null!;
    private Counter<long> counter = null!;
    private Histogram<double> histogram = null!;
    private readonly ArrayBufferWriter<byte> output = new(1 << 20);

    [GlobalSetup]
    public void Setup()
    {
        services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        meter = new Meter("OrderStreams.Benchmarks");
        exporter = new PrometheusExporter(
            Options.Create(new MetricsOptions { Meters = [meter.Name] }),
            services.GetRequiredService<IMeterFactory>(),
            NullLogger<PrometheusExporter>.Instance);
        string[] topics = ["orders.placed", "payments"];
        for (var i = 0; i < 40; i++)
        {
            var c = meter.CreateCounter<long>($"records.kind{i}", "{record}", "Records of one kind.");
            foreach (var topic in topics)
            {
                for (var p = 0; p < 12; p++)
                    c.Add(p + 1, new("topic", topic), new("partition", p));
            }
        }

        for (var i = 0; i < 10; i++)
        {
            var h = meter.CreateHistogram<double>($"step{i}.duration", "s", "Time per step.");
            foreach (var topic in topics)
            {
                for (var p = 0; p < 12; p++)
                    h.Record(0.001 * p, new("topic", topic), new("partition", p));
            }
        }

        meter.CreateObservableGauge(
            "kafka.consumergroup.lag",
            () => Enumerable.Range(0, 12).Select(p => new Measurement<long>(p, new("consumergroup", "bench"), new("topic", "payments"), new("partition", p))),
            "{message}",
            "Lag.");
        counter = meter.CreateCounter<long>("records.processed", "{record}", "Records processed.");
        histogram = meter.CreateHistogram<double>("process.duration", "s", "Time to process one record.");
        counter.Add(1, Topic, Partition);
        histogram.Record(0.002, Topic, Partition);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        exporter.Dispose();
        meter.Dispose();
        services.Dispose();
    }

    [Benchmark]
    public void CounterAddTwoTags() => counter.Add(1, Topic, Partition);

    [Benchmark]
    public void HistogramRecordTwoTags() => histogram.Record(0.004, Topic, Partition);

    /// <summary>What <c>GET /metrics</c> does apart from the socket: observe, render, encode to UTF-8.</summary>
    [Benchmark]
    public int Scrape()
    {
        output.ResetWrittenCount();
        exporter.Write(output);
        return output.WrittenCount;
    }
}
