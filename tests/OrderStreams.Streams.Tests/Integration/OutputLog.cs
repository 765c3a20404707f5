using System.Text;
using Confluent.Kafka;
using OrderStreams.Streams.TestApp;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>Reads the test app's output topic from the beginning in the background: every word's counts and who produced them.</summary>
internal sealed class OutputLog : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly List<Output> outputs = [];
    private readonly Lock gate = new();
    private readonly Thread loop;
    private volatile bool running = true;

    public OutputLog(string bootstrapServers, string topic)
    {
        loop = new Thread(() =>
        {
            using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = $"output-log-{Guid.NewGuid():N}",
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
                FetchWaitMaxMs = 50,
            }).Build();
            consumer.Subscribe(topic);
            while (running)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not { Message: { } message } record) continue;
                var count = SequencedCount.Serde.Deserialize(message.Value, default);
                var instance = message.Headers.TryGetLastBytes(TagInstance.Header, out var name) ? Encoding.UTF8.GetString(name) : "";
                lock (gate) outputs.Add(new Output(Encoding.UTF8.GetString(message.Key), count, instance, record.Partition.Value));
            }
            consumer.Close();
        }) { IsBackground = true, Name = "output-log" };
        loop.Start();
    }

    public IReadOnlyList<Output> Outputs
    {
        get
        {
            lock (gate) return outputs.ToList();
        }
    }

    /// <summary>True when every word has an output for each sequence number 1..<paramref name="rounds"/>: every input yielded its output.</summary>
    public bool Covers(IReadOnlyList<string> words, long rounds) => Missing(words, rounds).Count == 0;

    /// <summary>The (word, sequence number) inputs without an output yet.</summary>
    public IReadOnlyList<(string Word, long Sequence)> Missing(IReadOnlyList<string> words, long rounds)
    {
        var seen = Outputs.Select(o => (o.Word, o.Count.Last)).ToHashSet();
        return words.SelectMany(w => Enumerable.Range(1, (int)rounds).Select(s => (w, (long)s))).Where(x => !seen.Contains(x)).ToList();
    }

    /// <summary>Waits until every input of <paramref name="rounds"/> rounds has its output.</summary>
    public void WaitForAll(IReadOnlyList<string> words, long rounds)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!Covers(words, rounds))
        {
            if (DateTime.UtcNow > deadline)
            {
                var missing = Missing(words, rounds);
                throw new TimeoutException($"{missing.Count} inputs have no output within {Deadline}, e.g. {string.Join(", ", missing.Take(10))}.");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>The highest count output for each word.</summary>
    public IReadOnlyDictionary<string, SequencedCount> Latest() =>
        Outputs.GroupBy(o => o.Word).ToDictionary(g => g.Key, g => g.MaxBy(o => o.Count.Last)!.Count);

    public void Dispose()
    {
        running = false;
        loop.Join();
    }

    public sealed record Output(string Word, SequencedCount Count, string Instance, int Partition);
}
