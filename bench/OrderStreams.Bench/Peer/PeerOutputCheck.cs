using Confluent.Kafka;
using OrderStreams.Kafka.Embedded;

namespace OrderStreams.Bench.Peer;

/// <summary>
/// Proves that both engines compute the same thing before they are compared: each runs a pipeline over the same
/// input topic into an output of its own, and the outputs are compared record by record — per partition, in order,
/// key and value bytes — or, for the cached aggregate (whose updates leave at commits, so how many depends on
/// timing), as the last total of every branch.
/// </summary>
public sealed class PeerOutputCheck(EmbeddedKafkaCluster cluster, BenchEnvironment environment, PipelineBench bench)
{
    /// <summary>
    /// Differences between the two engines' outputs of <paramref name="pipeline"/> over <paramref name="records"/>
    /// orders; empty when they agree.
    /// </summary>
    public async Task<IReadOnlyList<string>> CompareAsync(
        PeerPipeline pipeline, int records, TimeSpan timeout, CancellationToken cancellation)
    {
        var input = $"peer-check-in-{Guid.NewGuid():N}"[..26];
        cluster.CreateTopic(input, PipelineBench.Partitions);
        bench.Preload(input, records);
        var ours = await RunToEndAsync(pipeline.Create(PeerEngine.Runtime), input, records, timeout, cancellation);
        var theirs = await RunToEndAsync(pipeline.Create(PeerEngine.Streamiz), input, records, timeout, cancellation);
        return pipeline.OutputsTotals && pipeline.Cached ? LastPerKeyDifferences(ours, theirs) : SequenceDifferences(ours, theirs);
    }

    private async Task<List<Message<byte[], byte[]>>[]> RunToEndAsync(
        IPipelineUnderTest pipeline, string input, int records, TimeSpan timeout, CancellationToken cancellation)
    {
        var output = $"peer-check-out-{Guid.NewGuid():N}"[..27];
        cluster.CreateTopic(output, PipelineBench.Partitions);
        await using (pipeline)
        {
            await pipeline.StartAsync(environment, input, output, cancellation);
            await using var totals = pipeline.OutputsTotals ? new AggregateProgress(environment, output) : null;
            using var watcher = environment.Consumer<Ignore, Ignore>("peer-check-watermarks");
            var deadline = DateTime.UtcNow + timeout;
            while ((totals?.Inputs ?? HighWatermarks(watcher, output).Sum()) < records)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"{pipeline.Name} did not account for {records} records in {timeout}.");
                await Task.Delay(50, cancellation);
            }
        }
        return ReadAll(output);
    }

    private List<Message<byte[], byte[]>>[] ReadAll(string topic)
    {
        using var consumer = environment.Consumer<byte[], byte[]>($"peer-check-reader-{Guid.NewGuid():N}");
        var ends = HighWatermarks(consumer, topic);
        var partitions = ends.Select(_ => new List<Message<byte[], byte[]>>()).ToArray();
        consumer.Assign(Enumerable.Range(0, ends.Length).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (partitions.Where((read, p) => read.Count < ends[p]).Any())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Could not read {topic} to its end.");
            if (consumer.Consume(100) is { Message: { } message } result) partitions[result.Partition.Value].Add(message);
        }
        consumer.Close();
        return partitions;
    }

    private static long[] HighWatermarks<TKey, TValue>(IConsumer<TKey, TValue> consumer, string topic) =>
        Enumerable.Range(0, PipelineBench.Partitions)
            .Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value)
            .ToArray();

    internal static List<string> SequenceDifferences(List<Message<byte[], byte[]>>[] ours, List<Message<byte[], byte[]>>[] theirs)
    {
        var differences = new List<string>();
        for (var p = 0; p < ours.Length; p++)
        {
            if (ours[p].Count != theirs[p].Count)
                differences.Add($"partition {p}: runtime wrote {ours[p].Count} records, Streamiz {theirs[p].Count}");
            for (var i = 0; i < Math.Min(ours[p].Count, theirs[p].Count); i++)
            {
                if (Same(ours[p][i], theirs[p][i])) continue;
                differences.Add($"partition {p}, record {i}: the engines wrote different keys or values");
                break;
            }
        }
        return differences;
    }

    internal static List<string> LastPerKeyDifferences(List<Message<byte[], byte[]>>[] ours, List<Message<byte[], byte[]>>[] theirs)
    {
        var (mine, peer) = (LastPerKey(ours), LastPerKey(theirs));
        return mine.Keys.Union(peer.Keys)
            .Where(key => !mine.TryGetValue(key, out var a) || !peer.TryGetValue(key, out var b) || !a.AsSpan().SequenceEqual(b))
            .Select(key => $"key {key}: the engines' last values differ")
            .ToList();
    }

    private static Dictionary<string, byte[]> LastPerKey(List<Message<byte[], byte[]>>[] partitions) =>
        partitions.SelectMany(p => p).GroupBy(m => Convert.ToHexString(m.Key)).ToDictionary(g => g.Key, g => g.Last().Value);

    private static bool Same(Message<byte[], byte[]> a, Message<byte[], byte[]> b) =>
        a.Key.AsSpan().SequenceEqual(b.Key) && a.Value.AsSpan().SequenceEqual(b.Value);
}
