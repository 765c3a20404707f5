using System.Diagnostics;
using Confluent.Kafka;
using OrderStreams.Kafka.Embedded;
using OrderStreams.Streams;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Cli.Bench;

/// <summary>
/// Restore rate: a changelog preloaded with distinct keys (orders by id, values as in the other runs) is first read to
/// its end by a plain consumer (the ceiling), then restored into an empty RocksDB store by a starting application,
/// timed by its restore listener.
/// </summary>
internal sealed class RestoreBench(EmbeddedKafkaCluster cluster, BenchEnvironment environment, IProgress<string> progress)
{
    private const int Partitions = 12;
    private const string Store = "orders-by-id";

    /// <param name="records">Keep records × value size / 12 under the embedded broker's ~5 MB per partition, or the oldest are gone before the restore.</param>
    public async Task<RestoreResult> MeasureAsync(int records, int valueBytes, TimeSpan timeout, CancellationToken cancellation)
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

        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<byte[], byte[]>.With(Serdes.ByteArray, Serdes.ByteArray))
            .ToTable(Materialized<byte[], byte[]>.As(Store));
        var listener = new TimingListener(records);
        using var streams = new KafkaStreams(builder.Build(), environment.Streams(applicationId));
        streams.SetGlobalStateRestoreListener(listener);
        progress.Report("restore: restoring into RocksDB");
        await streams.StartAsync(cancellation);
        if (!await Task.Run(() => listener.Done.Wait(timeout, cancellation), cancellation))
            throw new TimeoutException($"Restored {listener.Restored:N0} of {records:N0} changelog records in {timeout}.");
        var seconds = listener.Restoring.TotalSeconds;
        var result = new RestoreResult(
            listener.Restored, valueBytes, seconds, listener.Restored / seconds, listener.Registering.TotalSeconds,
            ceiling.Records, ceiling.Seconds, ceiling.Records / ceiling.Seconds);
        progress.Report($"  ceiling {result.CeilingRecordsPerSecond:N0} records/s, "
            + $"restore {result.RecordsPerSecond:N0} records/s ({result.CeilingRatio:F2}× ceiling)");
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

    /// <summary>
    /// Times the restore of all store partitions: they start one after the other while the assignment opens their
    /// stores (registering), then restore together until every expected record is in (restoring).
    /// </summary>
    private sealed class TimingListener(long expected) : IStateRestoreListener
    {
        private readonly Stopwatch clock = new();
        private long restored;
        private TimeSpan lastStart;

        public ManualResetEventSlim Done { get; } = new();

        public long Restored => Interlocked.Read(ref restored);

        public TimeSpan Registering => lastStart;

        public TimeSpan Restoring => clock.Elapsed - lastStart;

        public void OnRestoreStart(TopicPartition changelog, string storeName, long startingOffset, long endingOffset)
        {
            if (!clock.IsRunning) clock.Start();
            lastStart = clock.Elapsed;
        }

        public void OnRestoreEnd(TopicPartition changelog, string storeName, long totalRestored)
        {
            if (Interlocked.Add(ref restored, totalRestored) < expected) return;
            clock.Stop();
            Done.Set();
        }
    }
}
