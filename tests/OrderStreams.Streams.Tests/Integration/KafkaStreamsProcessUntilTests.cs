using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Tests.Integration;

[Collection(EmbeddedKafkaCollection.Name)]
public sealed class KafkaStreamsProcessUntilTests(StreamsBrokerFixture kafka, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-1);
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "orderstreams-it", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }

    [Fact]
    public async Task ProcessUntil_WordCountThroughARepartitionTopic_CountsOnlyUpToTheBoundAndReportsDone()
    {
        var (input, reference, counts) = ($"words-{Guid.NewGuid():N}", $"ref-{Guid.NewGuid():N}", $"counts-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 2);
        kafka.CreateTopic(reference, 1);
        kafka.CreateTopic(counts, 2);
        Produce(input, 0, (0, "a"), (1000, "b"), (2000, "a"), (6000, "a"), (1500, "b"));
        Produce(input, 1, (500, "a"), (3000, "b"));
        Produce(reference, 0, (0, "x=old"), (5000, "x=new"), (7000, "y=late"));
        var config = kafka.Config($"until-{Guid.NewGuid():N}", stateDir);
        config.ProcessUntil = Start.AddMilliseconds(4000);
        config.LoggerFactory = new TestOutputLoggerFactory(output);
        using var reached = new BoundGauge(config.ApplicationId);

        using var streams = new KafkaStreams(WordCount(input, reference, counts), config);
        await streams.StartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!streams.ProcessUntilReached && DateTime.UtcNow < deadline) await Task.Delay(100);

        Assert.True(streams.ProcessUntilReached, $"not done: {streams.ProcessUntilRemaining} partition(s) left");
        Assert.Equal(0, streams.ProcessUntilRemaining);
        Assert.Equal(1, reached.Read());
        var store = streams.Store<IReadOnlyKeyValueStore<string, long>>("counts");
        Assert.Equal((3L, 2L), (store.Get("a"), store.Get("b")));
        var global = streams.Store<IReadOnlyKeyValueStore<string, string>>("ref-store");
        Assert.Equal(("old", null), (global.Get("x"), global.Get("y")));
        Assert.Equal([3L, 2L], Committed(config.ApplicationId, input));
    }

    // Words counted through a repartition topic (GroupBy) and a global table: both kinds of source the bound applies to.
    private static Topology WordCount(string input, string reference, string output)
    {
        var builder = new StreamsBuilder();
        builder.GlobalTable(reference, Consumed<string, string>.With(Serdes.String, Serdes.String), Materialized<string, string>.As("ref-store"));
        builder.Stream(input, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .GroupBy((_, word) => word, Grouped<string, string>.With(Serdes.String, Serdes.String, "words"))
            .Count(Materialized<string, long>.As("counts"))
            .ToStream()
            .To(output, Produced<string, long>.With(Serdes.String, Serdes.Long));
        return builder.Build();
    }

    private void Produce(string topic, int partition, params (int AtMs, string Text)[] records)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        foreach (var (at, text) in records)
        {
            var (key, value) = text.Split('=') is [var k, var v] ? (k, v) : ($"k{at}", text);
            producer.Produce(new TopicPartition(topic, partition), new Message<string, string>
            {
                Key = key,
                Value = value,
                Timestamp = new Timestamp(Start.AddMilliseconds(at)),
            });
        }
        producer.Flush(TimeSpan.FromSeconds(30));
    }

    private List<long> Committed(string group, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = group }).Build();
        return consumer.Committed([new TopicPartition(topic, 0), new TopicPartition(topic, 1)], TimeSpan.FromSeconds(10))
            .OrderBy(o => o.Partition.Value).Select(o => o.Offset.Value).ToList();
    }

    private sealed class BoundGauge : IDisposable
    {
        private readonly MeterListener listener = new();
        private long? value;

        public BoundGauge(string application)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "OrderStreams.Streams" && instrument.Name == "streams.process_until.reached") l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, measured, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag is { Key: "application", Value: string id } && id == application) value = measured;
                }
            });
            listener.Start();
        }

        public long? Read()
        {
            value = null;
            listener.RecordObservableInstruments();
            return value;
        }

        public void Dispose() => listener.Dispose();
    }
}
