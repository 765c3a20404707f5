using Confluent.Kafka;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Streams;

namespace OrderStreams.Bench;

/// <summary>
/// Restore rate: a changelog preloaded with distinct keys (orders by id, values as in the other runs) is first read to
/// its end by a plain consumer (the ceiling), then restored into an empty RocksDB store by a starting application
/// (ours unless another engine is given), timed by its restore listener.
/// </summary>
public sealed class RestoreBench(EmbeddedKafkaCluster cluster, BenchEnvironment environment, IProgress<string> progress)
{
    private const int Partitions = 12;

    /// <summary>The store restored; the changelog is <c>&lt;application id&gt;-orders-by-id-changelog</c>.</summary>
    public const string Store = "orders-by-id";

    /// <param name="records">Keep records × value size / 12 under the embedded broker's ~5 MB per partition, or the oldest are gone before the restore.</param>
    public Task<RestoreResult> MeasureAsync(int records, int valueBytes, TimeSpan timeout, CancellationToken cancellation) =>
        MeasureAsync(records, valueBytes, timeout, new RuntimeRestore(), cancellation);

    /// <summary>As the other overload, the restore done by <paramref name="engine"/>.</summary>
    public async Task<RestoreResult> MeasureAsync(
        int records, int valueBytes, TimeSpan timeout, IRestoringEngine engine, CancellationToken cancellation)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var applicationId = $"bench-restore-{suffix}";
        var input = $"bench-restore-in-{suffix}";
        var changelog = Topology.ChangelogTopic(applicationId, Store);
        cluster.CreateTopic(input, Partitions);
        cluster.CreateTopic(changelog, Partitions);
        progress.Report($"restore: loading {records:N0} changelog records");
        Preload(changelog, records, valueBytes);
        progress.Report("restore: reading the changelog with a plain consumer (the ceiling)");
        var ceiling = RestoreCeiling.Measure(environment, changelog, Partitions, timeout);

        progress.Report($"restore: {engine.Name} restoring into RocksDB");
        var timing = await engine.RestoreAsync(environment, applicationId, input, records, timeout, cancellation);
        var seconds = timing.Restoring.TotalSeconds;
        var result = new RestoreResult(
            timing.Restored, valueBytes, seconds, timing.Restored / seconds, timing.Registering.TotalSeconds,
            ceiling.Records, ceiling.Seconds, ceiling.Records / ceiling.Seconds);
        progress.Report($"  ceiling {result.CeilingRecordsPerSecond:N0} records/s, "
            + $"{engine.Name} {result.RecordsPerSecond:N0} records/s ({result.CeilingRatio:F2}× ceiling)");
        return result;
    }

    private void Preload(string topic, int records, int valueBytes)
    {
        using var producer = environment.Producer<byte[], byte[]>();
        for (var i = 0; i < records; i++)
        {
            var message = new Message<byte[], byte[]> { Key = BenchPayload.Order(i, "").OrderId.ToByteArray(), Value = BenchPayload.Value(i, valueBytes) };
            producer.ProduceWaitingForRoom(topic, message);
        }
        producer.Flush();
    }
}
