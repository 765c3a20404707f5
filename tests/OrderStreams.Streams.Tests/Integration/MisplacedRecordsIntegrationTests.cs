using System.Text;
using OrderStreams.Streams.Errors;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>Records a murmur2 producer put on partitions that do not own their keys, read by a running application.</summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class MisplacedRecordsIntegrationTests(StreamsBrokerFixture kafka, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int Owner = 2;
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "orderstreams-it", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }

    [Fact]
    public async Task Start_RecordsOnPartitionsNotOwningTheirKeys_ForwardedToTheOwnerAndProcessedOnceThere()
    {
        var (input, outputTopic, deadLetters) = ($"in-{Guid.NewGuid():N}", $"out-{Guid.NewGuid():N}", $"dlq-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 3);
        kafka.CreateTopic(outputTopic, 1);
        kafka.CreateTopic(deadLetters, 1);
        var keys = Enumerable.Range(0, 30).Select(i => $"k{i}").ToList();
        kafka.Produce(input, keys.Select(k => (k, Encoding.UTF8.GetBytes(k))).Append(("unowned", Encoding.UTF8.GetBytes("x"))));
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .Process(() => new TagWithPartition())
            .To(outputTopic, Produced<string, string>.With(Serdes.String, Serdes.String));
        var config = kafka.Config($"misplaced-{Guid.NewGuid():N}", stateDir);
        config.KeyOwnership = new AllOnOnePartition(input);
        config.ProcessingExceptionHandling = ExceptionHandling.DeadLetter;
        config.DeadLetterQueueTopic = deadLetters;
        config.LoggerFactory = new TestOutputLoggerFactory(output);

        using var streams = new KafkaStreams(builder.Build(), config);
        await streams.StartAsync();
        var dead = kafka.ReadUntil(deadLetters, r => r.Count >= 1);
        // Reads until a record too many arrives, or long enough after the last expected one that none will.
        var processed = kafka.ReadUntil(outputTopic, r => r.Count > keys.Count, TimeSpan.FromSeconds(15));

        Assert.Equal(keys.Order(), processed.Select(r => Encoding.UTF8.GetString(r.Message.Key)).Order());
        Assert.All(processed, r => Assert.Equal($"{Owner}", Encoding.UTF8.GetString(r.Message.Value)));
        var deadLetter = Assert.Single(dead);
        Assert.Equal("unowned", Encoding.UTF8.GetString(deadLetter.Message.Key));
        Assert.True(deadLetter.Message.Headers.TryGetLastBytes("__streams.errors.message", out var reason));
        Assert.Contains("can own the record's key", Encoding.UTF8.GetString(reason));
    }

    /// <summary>Every key of the input belongs to partition <see cref="Owner"/>, except "unowned", which no partition can own.</summary>
    private sealed class AllOnOnePartition(string input) : IKeyOwnership
    {
        public int? OwnerOf(string topic, byte[] key, int partitionCount)
        {
            if (topic != input) return null;
            return Encoding.UTF8.GetString(key) == "unowned" ? throw new ArgumentException("no partition is configured for it.") : Owner;
        }
    }

    /// <summary>Replaces each value by the partition it was processed from.</summary>
    private sealed class TagWithPartition : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string> context = null!;

        public void Init(IProcessorContext<string, string> context) => this.context = context;

        public void Process(Record<string, string> record) =>
            context.Forward(record.WithValue($"{context.RecordMetadata!.Partition}"));
    }
}
