using OrderStreams.Streams;

namespace OrderStreams.Bench;

/// <summary>A topology run by the streams runtime (one stream thread, RocksDB state under the bench's directory).</summary>
/// <param name="name">Report name.</param>
/// <param name="build">Builds the topology from the input and output topic names.</param>
/// <param name="outputsTotals">The output carries per-branch totals, counted by <see cref="AggregateProgress"/>.</param>
/// <param name="commitInterval">Instead of the bench's shared one (a record cache sends its updates at each commit).</param>
public sealed class StreamsPipeline(string name, Func<string, string, Topology> build, bool outputsTotals = false, TimeSpan? commitInterval = null) : IPipelineUnderTest
{
    private KafkaStreams? streams;

    public string Name => name;

    public bool OutputsTotals => outputsTotals;

    public async Task StartAsync(BenchEnvironment environment, string input, string output, CancellationToken cancellation)
    {
        var config = environment.Streams($"bench-{name}-{Guid.NewGuid():N}"[..40]);
        config.CommitInterval = commitInterval ?? config.CommitInterval;
        streams = new KafkaStreams(build(input, output), config);
        await streams.StartAsync(cancellation);
    }

    public ValueTask DisposeAsync()
    {
        streams?.Dispose();
        return ValueTask.CompletedTask;
    }
}
