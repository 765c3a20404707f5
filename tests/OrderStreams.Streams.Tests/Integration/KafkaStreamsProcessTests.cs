using System.Globalization;
using System.Text;
using Confluent.Kafka;
using OrderStreams.Kafka.Clients;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>
/// The runtime in separate processes on the embedded broker: the test app (tests/OrderStreams.Streams.TestApp) counts
/// sequenced words through a repartition topic into a logged RocksDB store. At least once may redeliver inputs after
/// a crash, so the app counts a word's sequence number only once: a count equal to the word's last sequence number on
/// every output, and equal to the rounds sent at the end, means no input was lost and none was counted twice; an
/// output for every (word, sequence number) means every input yielded its output (duplicates allowed).
/// </summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class KafkaStreamsProcessTests(StreamsBrokerFixture kafka) : IDisposable
{
    private const int Partitions = 6;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly IReadOnlyList<string> Words = SequenceFeed.WordsCovering(Partitions, perPartition: 2);

    private readonly string stateRoot = Path.Combine(Path.GetTempPath(), "orderstreams-app", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(stateRoot)) Directory.Delete(stateRoot, recursive: true);
    }

    [Fact]
    public void Scale_OneToThreeToTwoInstancesUnderLoad_EveryInputCountedOnce()
    {
        var app = Deploy("scale");
        using var outputs = new OutputLog(kafka.BootstrapServers, app.Output);
        using var feed = new SequenceFeed(kafka.BootstrapServers, app.Input, Words);
        feed.Start(roundsPerSecond: 20);

        using var a = TestAppInstance.Start(kafka, app, "a");
        AwaitTasksSplit(a);
        AwaitProgress(outputs, feed);
        using var b = TestAppInstance.Start(kafka, app, "b");
        using var c = TestAppInstance.Start(kafka, app, "c");
        AwaitTasksSplit(a, b, c);
        AwaitProgress(outputs, feed);
        Assert.Equal(0, c.Stop());
        AwaitTasksSplit(a, b);
        AwaitProgress(outputs, feed);
        feed.Stop();
        outputs.WaitForAll(Words, feed.Rounds);

        AssertExact(outputs, feed.Rounds);
        Assert.Contains("STOPPED", c.Lines);
        Assert.All(new[] { "a", "b", "c" }, name => Assert.Contains(outputs.Outputs, o => o.Instance == name));
    }

    [Fact]
    public void KillHard_InstanceMidLoad_RestartedInstanceRestoresAndNothingIsLost()
    {
        var app = Deploy("kill");
        using var outputs = new OutputLog(kafka.BootstrapServers, app.Output);
        using var feed = new SequenceFeed(kafka.BootstrapServers, app.Input, Words);
        feed.Start(roundsPerSecond: 20);

        using var a = TestAppInstance.Start(kafka, app, "a");
        using var b = TestAppInstance.Start(kafka, app, "b");
        AwaitTasksSplit(a, b);
        AwaitProgress(outputs, feed);
        b.Kill();
        // The broker notices the dead member after its session timeout; a takes its tasks over from the changelogs.
        AwaitTasksSplit(a);
        AwaitProgress(outputs, feed);
        using var restarted = TestAppInstance.Start(kafka, app, "b");
        AwaitTasksSplit(a, restarted);
        AwaitProgress(outputs, feed);
        feed.Stop();
        outputs.WaitForAll(Words, feed.Rounds);

        AssertExact(outputs, feed.Rounds);
        Assert.True(a.RecordsRestored > 0, "a restored the killed instance's stores from their changelogs");
        Assert.True(restarted.RestoresStarted > 0, "the restarted instance caught its stores up from the changelogs");
    }

    [Fact]
    public void Restart_CleanThenStateDirectoryDeleted_CheckpointRestoresNothingThenChangelogRestoresEverything()
    {
        var app = Deploy("restore");
        using var outputs = new OutputLog(kafka.BootstrapServers, app.Output);
        using var feed = new SequenceFeed(kafka.BootstrapServers, app.Input, Words);
        using (var first = TestAppInstance.Start(kafka, app, "a"))
        {
            feed.SendRounds(5);
            outputs.WaitForAll(Words, 5);
            Assert.Equal(0, first.Stop());
        }

        using (var clean = TestAppInstance.Start(kafka, app, "a"))
        {
            AwaitTasksSplit(clean);
            feed.SendRounds(1);
            outputs.WaitForAll(Words, 6);
            Assert.Equal(0, clean.Stop());
            Assert.Equal(0, clean.RestoresStarted);
        }

        var changelogRecords = ChangelogRecords(app);
        Directory.Delete(app.StateDirOf("a"), recursive: true);
        using var wiped = TestAppInstance.Start(kafka, app, "a");
        AwaitTasksSplit(wiped);
        feed.SendRounds(1);
        outputs.WaitForAll(Words, 7);

        AssertExact(outputs, 7);
        Assert.Equal(Partitions, wiped.Lines.Count(l => l.StartsWith("RESTORED counts ", StringComparison.Ordinal)));
        Assert.Equal(changelogRecords, wiped.RecordsRestored);
    }

    [Fact]
    public void PoisonRecords_DeadLetterTopic_OriginalBytesWithKip1034HeadersAndProcessingContinues()
    {
        var app = Deploy("poison");
        var dlq = $"{app.ApplicationId}.dlq";
        using var outputs = new OutputLog(kafka.BootstrapServers, app.Output);
        using var feed = new SequenceFeed(kafka.BootstrapServers, app.Input, Words);
        using var instance = TestAppInstance.Start(kafka, app, "a", $"dlq={dlq}");
        feed.SendRounds(1);
        var partition = new TopicPartition(app.Input, KafkaClientDefaults.PartitionFor(Encoding.UTF8.GetBytes(Words[0]), Partitions));
        var unreadable = Send(partition, Words[0], [1, 2, 3]);
        var invalid = Send(partition, Words[0], Serdes.Long.Serialize(-1, default));
        feed.SendRounds(1);
        outputs.WaitForAll(Words, 2);

        var dead = kafka.ReadUntil(dlq, r => r.Count >= 2).OrderBy(Offset).ToList();
        Assert.Equal(2, dead.Count);
        AssertDeadLetter(dead[0], unreadable, typeof(FormatException), "8 bytes");
        AssertDeadLetter(dead[1], invalid, typeof(ArgumentOutOfRangeException), "Sequence numbers start at 1");
        AssertExact(outputs, 2);
        Assert.DoesNotContain(instance.Lines, l => l.StartsWith("FAILED", StringComparison.Ordinal));

        static long Offset(ConsumeResult<byte[], byte[]> r) => long.Parse(Encoding.UTF8.GetString(r.Message.Headers.GetLastBytes("__streams.errors.offset")), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Start_InputsNotCoPartitioned_ExitsNonZeroWithTheMessageOnStderr()
    {
        var app = Deploy("copart");
        var lookup = $"lookup-{Guid.NewGuid():N}";
        kafka.CreateTopic(lookup, Partitions / 2);

        using var instance = TestAppInstance.Launch(kafka, app, "a", $"lookup-topic={lookup}");
        var exitCode = instance.WaitForExit();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("not co-partitioned", instance.Errors);
        Assert.Contains($"{app.Input} has {Partitions} partitions", instance.Errors);
        Assert.Contains($"{lookup} has {Partitions / 2} partitions", instance.Errors);
        Assert.DoesNotContain("RUNNING", instance.Lines);
    }

    [Fact]
    public void AssignedPartitions_PinnedAndGeneralInstance_ShareTheWorkWithoutOverlapAndTheGroupShowsPinnedProgress()
    {
        const int hot = 2;
        var app = Deploy("pin");
        using var outputs = new OutputLog(kafka.BootstrapServers, app.Output);
        using var feed = new SequenceFeed(kafka.BootstrapServers, app.Input, Words);
        using var pinned = TestAppInstance.Start(kafka, app, "pinned", $"assigned-partitions={hot}");
        using var general = TestAppInstance.Start(kafka, app, "general", $"excluded-partitions={hot}");
        AwaitTasksSplit(pinned, general);
        feed.SendRounds(5);
        outputs.WaitForAll(Words, 5);

        AssertExact(outputs, 5);
        Assert.Equal([new TaskId(0, hot), new TaskId(1, hot)], pinned.Tasks.OrderBy(t => t.Subtopology));
        // Words of the hot partition are counted (and their outputs written) by the pinned instance only, all others by the general one.
        Assert.All(outputs.Outputs, o => Assert.Equal(o.Partition == hot ? "pinned" : "general", o.Instance));
        Assert.Contains(outputs.Outputs, o => o.Partition == hot);
        // The general instance copies the pinned group's progress into the application's group, so its lag is true.
        var input = new TopicPartition(app.Input, hot);
        using var group = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = app.ApplicationId }).Build();
        var end = group.QueryWatermarkOffsets(input, TimeSpan.FromSeconds(10)).High.Value;
        Await(() => group.Committed([input], TimeSpan.FromSeconds(10)).Single().Offset.Value == end, () => $"group {app.ApplicationId} committed offset of {input} reaching {end}");
    }

    private TestAppDeployment Deploy(string purpose)
    {
        var app = new TestAppDeployment($"{purpose}-{Guid.NewGuid():N}"[..20], $"{purpose}-in-{Guid.NewGuid():N}", $"{purpose}-out-{Guid.NewGuid():N}", stateRoot);
        kafka.CreateTopic(app.Input, Partitions);
        kafka.CreateTopic(app.Output, Partitions);
        return app;
    }

    /// <summary>Waits until the instances process every task (both sub-topologies, every partition) between them, each task once, each instance some.</summary>
    private static void AwaitTasksSplit(params TestAppInstance[] instances)
    {
        var all = Enumerable.Range(0, 2).SelectMany(s => Enumerable.Range(0, Partitions).Select(p => new TaskId(s, p))).ToHashSet();
        Await(() =>
        {
            var tasks = instances.Select(i => i.Tasks).ToList();
            return tasks.All(t => t.Count > 0) && tasks.Sum(t => t.Count) == all.Count && all.SetEquals(tasks.SelectMany(t => t));
        }, () => $"tasks split over {string.Join(", ", instances.Select(i => $"{i.Name}: [{string.Join(",", i.Tasks.Select(t => t.ToString()).Order())}]"))}" +
            string.Concat(instances.Select(i => $"{Environment.NewLine}--- {i.Name} stdout:{Environment.NewLine}{string.Join(Environment.NewLine, i.Lines.TakeLast(20))}{Environment.NewLine}--- {i.Name} log:{Environment.NewLine}{i.Errors[^Math.Min(i.Errors.Length, 6000)..]}")));
    }

    /// <summary>Waits until every input sent so far has its output, so the current set of instances is processing.</summary>
    private static void AwaitProgress(OutputLog outputs, SequenceFeed feed) => outputs.WaitForAll(Words, feed.Rounds);

    private static void Await(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached within {Deadline}: {what()}");
            Thread.Sleep(50);
        }
    }

    /// <summary>Every output's count equals its sequence number, and every word ends at the number of rounds sent.</summary>
    private static void AssertExact(OutputLog outputs, long rounds)
    {
        Assert.Empty(outputs.Missing(Words, rounds));
        Assert.All(outputs.Outputs, o => Assert.Equal(o.Count.Last, o.Count.Count));
        Assert.Equal(Words.ToDictionary(w => w, _ => new TestApp.SequencedCount(rounds, rounds)), outputs.Latest());
    }

    private static void AssertDeadLetter(ConsumeResult<byte[], byte[]> dead, DeliveryResult<byte[], byte[]> original, Type exception, string message)
    {
        string Header(string name) => Encoding.UTF8.GetString(dead.Message.Headers.GetLastBytes(name));
        Assert.Equal(original.Message.Key, dead.Message.Key);
        Assert.Equal(original.Message.Value, dead.Message.Value);
        Assert.Equal(original.Topic, Header("__streams.errors.topic"));
        Assert.Equal(original.Partition.Value.ToString(CultureInfo.InvariantCulture), Header("__streams.errors.partition"));
        Assert.Equal(original.Offset.Value.ToString(CultureInfo.InvariantCulture), Header("__streams.errors.offset"));
        Assert.Equal(exception.FullName, Header("__streams.errors.exception"));
        Assert.Contains(message, Header("__streams.errors.message"));
        Assert.Contains(exception.FullName!, Header("__streams.errors.stacktrace"));
    }

    private DeliveryResult<byte[], byte[]> Send(TopicPartition partition, string key, byte[] value)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        return producer.ProduceAsync(partition, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = value }).GetAwaiter().GetResult();
    }

    private long ChangelogRecords(TestAppDeployment app)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "watermarks" }).Build();
        return Enumerable.Range(0, Partitions).Sum(p =>
        {
            var marks = consumer.QueryWatermarkOffsets(new TopicPartition(app.ChangelogTopic, p), TimeSpan.FromSeconds(10));
            Assert.Equal(0, marks.Low.Value);
            return marks.High.Value;
        });
    }
}
