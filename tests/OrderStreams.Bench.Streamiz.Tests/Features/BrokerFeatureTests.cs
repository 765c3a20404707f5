using Confluent.Kafka;
using OrderStreams.Native;
using OrderStreams.Testing;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;

namespace OrderStreams.Bench.Streamiz.Tests.Features;

/// <summary>The rows of the feature table in docs/benchmarks.md that need a broker: Streamiz 1.8.2 on the test broker.</summary>
[Collection(BrokerCollection.Name)]
public sealed class BrokerFeatureTests(TestBrokerFixture kafka) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private readonly DirectoryInfo stateDirectory = Directory.CreateTempSubdirectory("streamiz-features-");

    public void Dispose() => stateDirectory.Delete(recursive: true);

    [Fact]
    public async Task ExactlyOnce_StatelessPipeline_EveryRecordCommittedToTheOutput()
    {
        var (input, output) = (kafka.CreateTopic("streamiz-eos-in", 3), kafka.CreateTopic("streamiz-eos-out", 3));
        Produce(input, Enumerable.Range(0, 50).Select(i => ($"k{i}", $"v{i}")));
        var builder = new StreamBuilder();
        builder.Stream(input, new StringSerDes(), new StringSerDes())
            .MapValues((value, _) => value.ToUpperInvariant())
            .To(output, new StringSerDes(), new StringSerDes());
        var config = Config(TestBrokerFixture.UniqueName("streamiz-eos"));
        config.Guarantee = ProcessingGuarantee.EXACTLY_ONCE;

        using var stream = await StartAsync(builder, config);

        var values = ReadCommitted(output, 50);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"V{i}").Order(), values.Order());
    }

    private StreamConfig<StringSerDes, StringSerDes> Config(string applicationId) => new()
    {
        ApplicationId = applicationId,
        BootstrapServers = kafka.BootstrapServers,
        StateDir = stateDirectory.FullName,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        CommitIntervalMs = 200,
    };

    private static async Task<KafkaStream> StartAsync(StreamBuilder builder, IStreamConfig config)
    {
        NativeLibraries.EnsureKafka();
        var stream = new KafkaStream(builder.Build(), config);
        var running = new TaskCompletionSource();
        stream.StateChanged += (_, state) =>
        {
            if (state == KafkaStream.State.RUNNING) running.TrySetResult();
        };
        _ = stream.StartAsync();
        await running.Task.WaitAsync(Timeout);
        return stream;
    }

    private void Produce(string topic, IEnumerable<(string Key, string Value)> records)
    {
        using var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig()).Build();
        foreach (var (key, value) in records) producer.Produce(topic, new Message<string, string> { Key = key, Value = value });
        producer.Flush(Timeout);
    }

    private List<string> ReadCommitted(string topic, int count)
    {
        var config = kafka.ConsumerConfig(TestBrokerFixture.UniqueName("streamiz-reader"));
        config.IsolationLevel = IsolationLevel.ReadCommitted;
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(topic);
        var values = new List<string>();
        var deadline = DateTime.UtcNow + Timeout;
        while (values.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message: { } message }) values.Add(message.Value);
        }
        consumer.Close();
        return values;
    }
}
