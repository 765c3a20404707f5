using System.Text;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.Tests.Processor;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>
/// In the engine, a processor that writes a logged store and forwards is told of each commit, once what it forwarded
/// before it is delivered.
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class CommittedOutputTests(StreamsBrokerFixture kafka, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "orderstreams-it", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }

    [Fact]
    public async Task OnCommitted_StatefulProcessor_CalledOnceItsOutputsAreDelivered()
    {
        var (input, copies) = ($"kept-in-{Guid.NewGuid():N}", $"kept-out-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 1);
        kafka.CreateTopic(copies, 1);
        kafka.Produce(input, Enumerable.Range(0, 10).Select(i => ($"k{i}", Encoding.UTF8.GetBytes($"v{i}"))));
        var tally = new CommittedProcessorTests.Tally();
        var config = kafka.Config($"kept-{Guid.NewGuid():N}", stateDir);
        config.LoggerFactory = new TestOutputLoggerFactory(output);

        using var streams = new KafkaStreams(CommittedProcessorTests.Keeping(tally, input, copies), config);
        await streams.StartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (tally.Committed < 10 && DateTime.UtcNow < deadline) await Task.Delay(50);
        var delivered = kafka.ReadUntil(copies, records => records.Count >= 10, TimeSpan.FromSeconds(10));

        Assert.Equal(10, tally.Committed);
        Assert.Equal(10, delivered.Count);
        var changelog = kafka.ReadUntil($"{config.ApplicationId}-kept-changelog", records => records.Count >= 10, TimeSpan.FromSeconds(10));
        Assert.Equal(10, changelog.Count);
    }
}
