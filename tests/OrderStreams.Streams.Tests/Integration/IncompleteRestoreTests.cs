using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Streams.Internals;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.Tests.State.RocksDb;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>A store restored from a changelog whose start was dropped is marked incomplete, not served as whole.</summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class IncompleteRestoreTests(StreamsBrokerFixture kafka, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "orderstreams-it", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }

    [EmbeddedBrokerFact("only the embedded broker drops a partition's start after about 5 MB")]
    public async Task Start_ChangelogLostItsStartAndNoState_MarksTheStoreIncompleteAcrossRestarts()
    {
        var appId = $"incomplete-{Guid.NewGuid():N}";
        var (input, counts) = ($"lines-{Guid.NewGuid():N}", $"counts-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 1);
        kafka.CreateTopic(counts, 1);
        var changelog = $"{appId}-counts-changelog";
        kafka.CreateTopic(changelog, 1);
        var low = LogOverflow.Fill(kafka.BootstrapServers, new TopicPartition(changelog, 0), T0);
        var log = new RecordingLoggerFactory(new TestOutputLoggerFactory(output));

        var first = await MarkAsync(appId, input, counts, log);
        var mark = File.ReadAllText(Assert.Single(Directory.GetFiles(stateDir, ".incomplete", SearchOption.AllDirectories))).Trim();
        var afterRestart = await MarkAsync(appId, input, counts, new RecordingLoggerFactory(new TestOutputLoggerFactory(output)));

        Assert.True(low > 0, "the broker kept the whole changelog; the test needs its start dropped");
        Assert.Equal(low, first);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning
            && e.Message.Contains("Store counts of task 1_0 is incomplete")
            && e.Message.Contains($"no longer holds its first {low} records and no checkpoint covers them"));
        Assert.Equal($"counts {low}", mark);
        Assert.Equal(low, afterRestart);
    }

    [Fact]
    public async Task Start_ChangelogWhole_MarksNothing()
    {
        var appId = $"complete-{Guid.NewGuid():N}";
        var (input, counts) = ($"lines-{Guid.NewGuid():N}", $"counts-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 1);
        kafka.CreateTopic(counts, 1);
        var changelog = $"{appId}-counts-changelog";
        kafka.CreateTopic(changelog, 1);
        LogOverflow.Fill(kafka.BootstrapServers, new TopicPartition(changelog, 0), T0, records: 20);

        var mark = await MarkAsync(appId, input, counts, new TestOutputLoggerFactory(output));

        Assert.Null(mark);
        Assert.Empty(Directory.GetFiles(stateDir, ".incomplete", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Start_WithCompleteFrom_ExportsTheTimeItsViewIsCompleteFrom()
    {
        var appId = $"partial-{Guid.NewGuid():N}";
        var (input, counts) = ($"lines-{Guid.NewGuid():N}", $"counts-{Guid.NewGuid():N}");
        kafka.CreateTopic(input, 1);
        kafka.CreateTopic(counts, 1);
        var config = kafka.Config(appId, stateDir);
        config.CompleteFrom = T0;
        config.LoggerFactory = new TestOutputLoggerFactory(output);
        var exported = new List<double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "OrderStreams.Streams" && instrument.Name == "streams.view.complete_from_timestamp_seconds") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            if (tags.ToArray().Any(t => t.Key == "application" && (string?)t.Value == appId)) exported.Add(value);
        });
        listener.Start();

        using (var streams = new KafkaStreams(Counting(input, counts), config))
        {
            await streams.StartAsync();
            listener.RecordObservableInstruments();
        }
        var whileRunning = exported.ToList();
        listener.RecordObservableInstruments();

        Assert.Equal([T0.ToUnixTimeSeconds()], whileRunning);
        Assert.Equal(whileRunning, exported);
    }

    /// <summary>Starts the application until its store is restored and returns the store's incomplete mark, then closes it.</summary>
    private async Task<long?> MarkAsync(string appId, string input, string counts, ILoggerFactory log)
    {
        var config = kafka.Config(appId, stateDir);
        config.LoggerFactory = log;
        using var streams = new KafkaStreams(Counting(input, counts), config);
        await streams.StartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!streams.TasksRunning && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(streams.TasksRunning, "the store was not restored within a minute");
        long? mark = IncompleteRecordsExported(appId);
        streams.Close();
        return mark;
    }

    /// <summary>What <c>streams.store.incomplete_records</c> exports for the application's store "counts", partition 0.</summary>
    private static long? IncompleteRecordsExported(string appId)
    {
        long? exported = null;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "OrderStreams.Streams" && instrument.Name == "streams.store.incomplete_records") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var labels = tags.ToArray();
            if (labels.Any(t => t.Key == "application" && (string?)t.Value == appId) && labels.Any(t => t.Key == "store" && (string?)t.Value == "counts"))
                exported = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return exported;
    }

    private static Topology Counting(string input, string output)
    {
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed<string, string>.With(Serdes.String, Serdes.String))
            .GroupBy((_, word) => word, Grouped<string, string>.With(Serdes.String, Serdes.String, "words"))
            .Count(Materialized<string, long>.As("counts"))
            .ToStream()
            .To(output, Produced<string, long>.With(Serdes.String, Serdes.Long));
        return builder.Build();
    }
}
