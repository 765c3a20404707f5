using System.Globalization;
using Confluent.Kafka;
using OrderStreams.Kafka.Topics;
using OrderStreams.Platform;

namespace OrderStreams.Bench.Pipeline;

/// <summary>
/// One reading of a service's running totals — input records processed, records in the topics it writes, CPU time —
/// taken from outside, so that two readings give its rates and cost over a run.
/// </summary>
public sealed record ServiceCounters(long Processed, long Written, TimeSpan Cpu)
{
    private const string ProcessedMetric = "streams_records_processed_total";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static async Task<ServiceCounters> ReadAsync(
        ServiceProcess service, IConsumer<Ignore, Ignore> watermarks, TopicManifest manifest, CancellationToken cancellation)
    {
        var metrics = await MetricsAsync(service, cancellation);
        var written = service.Spec.OutputTopics.Sum(topic => Enumerable.Range(0, manifest[topic].Partitions)
            .Sum(p => watermarks.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(5)).High.Value));
        return new ServiceCounters((long)Sum(metrics, ProcessedMetric), written, service.CpuTime);
    }

    /// <summary>The service's <c>/metrics</c> page (Prometheus text).</summary>
    public static Task<string> MetricsAsync(ServiceProcess service, CancellationToken cancellation) =>
        Http.GetStringAsync(new Uri(service.Url, "/metrics"), cancellation);

    /// <summary>The sum of every sample of <paramref name="name"/> in Prometheus text (all its label sets).</summary>
    public static double Sum(string metrics, string name) => metrics.Split('\n')
        .Where(line => line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is '{' or ' ')
        .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>The service's cost from <paramref name="before"/> to this reading, over <paramref name="seconds"/> and <paramref name="orders"/>.</summary>
    public ServiceCost Since(ServiceCounters before, string service, double seconds, long orders) => new(
        service,
        (Processed - before.Processed) / seconds,
        (Written - before.Written) / seconds,
        (Cpu - before.Cpu).TotalSeconds * 1000 / orders);
}
