using Confluent.Kafka;

namespace OrderStreams.Bench;

/// <summary>
/// How many inputs an aggregating pipeline's output accounts for: the sum of the latest order count of every branch
/// seen on the output. A record cache sends a branch's total once per commit instead of once per order, so the
/// output's offsets no longer count the inputs; the totals do.
/// </summary>
public sealed class AggregateProgress : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Dictionary<string, long> latest = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly Task loop;
    private long total;

    public AggregateProgress(BenchEnvironment environment, string topic) =>
        loop = Task.Factory.StartNew(() => Run(environment, topic), TaskCreationOptions.LongRunning);

    /// <summary>Inputs reflected in the output so far.</summary>
    public long Inputs
    {
        get
        {
            lock (gate) return total;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private void Run(BenchEnvironment environment, string topic)
    {
        using var consumer = environment.Consumer<string, byte[]>($"bench-progress-{Guid.NewGuid():N}");
        consumer.Subscribe(topic);
        while (!stop.IsCancellationRequested)
        {
            var result = consumer.Consume(50);
            if (result?.Message?.Value is not { } value) continue;
            var orders = BranchTotals.Serde.Deserialize(value, default).Orders;
            lock (gate)
            {
                var previous = latest.GetValueOrDefault(result.Message.Key);
                if (orders <= previous) continue;
                latest[result.Message.Key] = orders;
                total += orders - previous;
            }
        }
        consumer.Close();
    }
}
