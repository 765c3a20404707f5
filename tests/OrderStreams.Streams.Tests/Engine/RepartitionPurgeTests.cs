using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Kafka.Topics;
using OrderStreams.Streams.Internals.Engine;

namespace OrderStreams.Streams.Tests.Engine;

public sealed class RepartitionPurgeTests
{
    private static readonly TopicPartition P0 = new("app-words-repartition", 0);
    private static readonly TopicPartition P1 = new("app-words-repartition", 1);

    [Fact]
    public async Task Committed_OnceTheIntervalPassed_DeletesUpToTheCommittedOffsets()
    {
        var admin = new RecordingAdmin();
        using var purge = new RepartitionPurge(admin, ownsAdmin: false, TimeSpan.Zero, new RecordingLogger());

        purge.Committed([new TopicPartitionOffset(P0, 5), new TopicPartitionOffset(P1, 7)]);

        Assert.Equal([(P0, 5L), (P1, 7L)], await admin.NextCallAsync());
    }

    [Fact]
    public void Committed_WithinTheInterval_DeletesNothing()
    {
        var admin = new RecordingAdmin();
        using var purge = new RepartitionPurge(admin, ownsAdmin: false, TimeSpan.FromHours(1), new RecordingLogger());

        purge.Committed([new TopicPartitionOffset(P0, 5)]);
        Thread.Sleep(100);

        Assert.Equal(0, admin.Calls);
    }

    [Fact]
    public async Task Committed_WhileAPurgeRuns_StartsNoOther_ThenPurgesOnlyWhatIsNew()
    {
        var admin = new RecordingAdmin { Hold = new TaskCompletionSource() };
        using var purge = new RepartitionPurge(admin, ownsAdmin: false, TimeSpan.Zero, new RecordingLogger());

        purge.Committed([new TopicPartitionOffset(P0, 5), new TopicPartitionOffset(P1, 7)]);
        var first = await admin.NextCallAsync();
        purge.Committed([new TopicPartitionOffset(P0, 9)]);
        Thread.Sleep(100);
        var callsWhileRunning = admin.Calls;
        admin.Hold.SetResult();
        await Eventually(() => purge.Committed([new TopicPartitionOffset(P0, 9)]), () => admin.Calls == 2);

        Assert.Equal([(P0, 5L), (P1, 7L)], first);
        Assert.Equal(1, callsWhileRunning);
        Assert.Equal([(P0, 9L)], await admin.NextCallAsync());
    }

    [Fact]
    public async Task Refused_IsWarnedOnceThenLoggedQuietly()
    {
        var admin = new RecordingAdmin { Refuse = true };
        var logger = new RecordingLogger();
        using var purge = new RepartitionPurge(admin, ownsAdmin: false, TimeSpan.Zero, logger);

        for (var offset = 1; offset <= 3; offset++)
        {
            var calls = admin.Calls;
            await Eventually(() => purge.Committed([new TopicPartitionOffset(P0, offset)]), () => admin.Calls > calls && logger.Levels.Count > calls);
        }

        Assert.Equal([LogLevel.Warning, LogLevel.Debug, LogLevel.Debug], logger.Levels);
    }

    /// <summary>Repeats <paramref name="act"/> until <paramref name="done"/>: a purge starts only once the previous one finished.</summary>
    private static async Task Eventually(Action act, Func<bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            act();
            await Task.Delay(10);
        }
    }

    private sealed class RecordingAdmin : ITopicAdmin
    {
        private readonly BlockingCollection<List<(TopicPartition, long)>> calls = [];
        private int count;

        public TaskCompletionSource? Hold { get; init; }

        public bool Refuse { get; init; }

        public int Calls => Volatile.Read(ref count);

        public async Task<List<(TopicPartition, long)>> NextCallAsync() =>
            await Task.Run(() => calls.TryTake(out var call, TimeSpan.FromSeconds(10)) ? call : throw new TimeoutException("no DeleteRecords call"));

        public async Task DeleteRecordsAsync(IReadOnlyList<TopicPartitionOffset> before, CancellationToken cancellationToken = default)
        {
            calls.Add([.. before.Select(b => (b.TopicPartition, b.Offset.Value)).OrderBy(b => b.Item1.Partition.Value)], cancellationToken);
            Interlocked.Increment(ref count);
            if (Hold is not null) await Hold.Task;
            if (Refuse) throw new TopicAdminException(before[0].Topic, "DeleteRecords is not supported");
        }

        public Task<IReadOnlyDictionary<string, int>> GetPartitionCountsAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task EnsureTopicsAsync(IEnumerable<TopicSpec> topics, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<TopicDescription>> DescribeTopicsAsync(IEnumerable<string>? topics = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public void Dispose()
        {
        }
    }

    private sealed class RecordingLogger : ILogger
    {
        public ConcurrentQueue<LogLevel> Queue { get; } = new();

        public List<LogLevel> Levels => [.. Queue];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Debug && formatter(state, exception).Contains("purge", StringComparison.Ordinal)) Queue.Enqueue(logLevel);
        }
    }
}
