using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using OrderStreams.Bench.Peer;
using Streamiz.Kafka.Net;

namespace OrderStreams.Bench.Streamiz;

/// <summary>
/// Times a restore from Streamiz's restore events as the CLI times ours: registering until the last store partition
/// started restoring, restoring from then until every expected record is in; then reports a
/// <see cref="PeerProtocol.Restored"/> line.
/// </summary>
internal sealed class RestoreTimer(long expected, Action<string> report)
{
    private readonly Stopwatch clock = new();
    private readonly Lock gate = new();
    private long restored;
    private TimeSpan lastStart;

    public void Attach(KafkaStream stream)
    {
        stream.OnRestoreStartEvent += OnRestoreStart;
        stream.OnRestoreEndEvent += OnRestoreEnd;
    }

    private void OnRestoreStart(TopicPartition changelog, string storeName, long startingOffset, long endingOffset)
    {
        lock (gate)
        {
            if (!clock.IsRunning) clock.Start();
            lastStart = clock.Elapsed;
        }
    }

    private void OnRestoreEnd(TopicPartition changelog, string storeName, long totalRestored)
    {
        lock (gate)
        {
            restored += totalRestored;
            if (restored < expected || !clock.IsRunning) return;
            clock.Stop();
            var restoring = (clock.Elapsed - lastStart).TotalSeconds.ToString(CultureInfo.InvariantCulture);
            report($"{PeerProtocol.Restored} {restored} {restoring} {lastStart.TotalSeconds.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
