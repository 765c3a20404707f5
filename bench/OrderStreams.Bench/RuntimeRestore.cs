using System.Diagnostics;
using Confluent.Kafka;
using OrderStreams.Streams;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Bench;

/// <summary>Our runtime restoring the <see cref="RestoreBench"/>'s changelog, timed by its <see cref="IStateRestoreListener"/>.</summary>
public sealed class RuntimeRestore : IRestoringEngine
{
    public string Name => "runtime";

    public async Task<RestoreTiming> RestoreAsync(
        BenchEnvironment environment, string applicationId, string input, long records, TimeSpan timeout, CancellationToken cancellation)
    {
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<byte[], byte[]>.With(Serdes.ByteArray, Serdes.ByteArray))
            .ToTable(Materialized<byte[], byte[]>.As(RestoreBench.Store));
        var listener = new TimingListener(records);
        using var streams = new KafkaStreams(builder.Build(), environment.Streams(applicationId));
        streams.SetGlobalStateRestoreListener(listener);
        await streams.StartAsync(cancellation);
        if (!await Task.Run(() => listener.Done.Wait(timeout, cancellation), cancellation))
            throw new TimeoutException($"Restored {listener.Restored:N0} of {records:N0} changelog records in {timeout}.");
        return new RestoreTiming(listener.Restored, listener.Restoring, listener.Registering);
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
