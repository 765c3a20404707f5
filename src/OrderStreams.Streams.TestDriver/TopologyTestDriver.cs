using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrderStreams.Streams.Internals.Runtime;
using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Processor;
using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.State;

namespace OrderStreams.Streams.TestDriver;

/// <summary>
/// Runs a topology in memory, without a broker, through the same tasks, nodes and stores as the engine: one task per
/// sub-topology on partition 0. Records written to topics the topology reads (repartition topics, or any source) are
/// fed back in, so multi-stage topologies run end to end. Time is a mock wall clock moved by <see cref="AdvanceWallClockTime"/>.
/// </summary>
public sealed class TopologyTestDriver : IDisposable
{
    private readonly StreamsConfig config;
    private readonly Dictionary<string, StreamTask> taskByTopic = new(StringComparer.Ordinal);
    private readonly List<StreamTask> tasks = [];
    private readonly Dictionary<string, Queue<OutputRecord>> outputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> offsets = new(StringComparer.Ordinal);
    private readonly MockClock clock;
    private readonly Collector collector;
    private readonly RecordCache recordCache;
    private bool processing;

    public TopologyTestDriver(Topology topology, StreamsConfig? config = null, DateTimeOffset? initialWallClock = null)
    {
        this.config = config ?? new StreamsConfig();
        if (string.IsNullOrEmpty(this.config.ApplicationId)) this.config.ApplicationId = "test-driver";
        if (string.IsNullOrEmpty(this.config.BootstrapServers)) this.config.BootstrapServers = "test-driver:9092";
        // Every driver gets a fresh state directory, deleted on Dispose, so tests never see each other's stores.
        this.config.StateDir = Path.Combine(Path.GetTempPath(), "orderstreams-test-driver", Guid.NewGuid().ToString("N"));
        this.config.Validate();
        topology.Validate(this.config);

        clock = new MockClock((initialWallClock ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds());
        collector = new Collector(this);
        recordCache = new RecordCache(this.config.CacheMaxBytesBuffering);
        var errors = new ErrorHandler(this.config, (this.config.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TopologyTestDriver>()) { DeadLetterSink = collector };

        StreamTask? global = null;
        if (topology.GlobalSubtopology is { } globalSub)
        {
            global = CreateTask(new TaskId(-1, 0), topology, globalSub, errors, null);
        }
        var globalStores = global?.Stores ?? new Dictionary<string, IStoreInstance>();
        foreach (var sub in topology.Subtopologies) CreateTask(new TaskId(sub.Id, 0), topology, sub, errors, globalStores);
    }

    /// <summary>The mock wall clock in milliseconds since the epoch.</summary>
    public long WallClockMs => clock.NowMs;

    public TestInputTopic<K, V> CreateInputTopic<K, V>(string topic, ISerde<K> keySerde, ISerde<V> valueSerde)
    {
        if (!taskByTopic.ContainsKey(topic)) throw new ArgumentException($"The topology does not read topic '{topic}'.", nameof(topic));
        return new TestInputTopic<K, V>(this, topic, keySerde, valueSerde);
    }

    public TestOutputTopic<K, V> CreateOutputTopic<K, V>(string topic, ISerde<K> keySerde, ISerde<V> valueSerde) => new(this, topic, keySerde, valueSerde);

    /// <summary>Moves the wall clock and fires the wall-clock punctuations that became due.</summary>
    public void AdvanceWallClockTime(TimeSpan by)
    {
        clock.NowMs += (long)by.TotalMilliseconds;
        foreach (var task in tasks) task.PunctuateWallClock();
        Drain();
    }

    public IKeyValueStore<K, V> GetKeyValueStore<K, V>(string name) => GetStateStore<IKeyValueStore<K, V>>(name);

    public IWindowStore<K, V> GetWindowStore<K, V>(string name) => GetStateStore<IWindowStore<K, V>>(name);

    public S GetStateStore<S>(string name) where S : IStateStore
    {
        foreach (var task in tasks)
        {
            if (task.Stores.TryGetValue(name, out var store))
                return store is S typed ? typed : throw new InvalidCastException($"Store '{name}' is a {store.GetType().Name}, not a {typeof(S).Name}.");
        }
        throw new ArgumentException($"The topology has no store named '{name}'.", nameof(name));
    }

    /// <summary>Every topic the topology wrote to so far (outputs, repartition and changelog topics, the dead-letter topic).</summary>
    public IReadOnlyCollection<string> ProducedTopics => outputs.Keys;

    public void Dispose()
    {
        foreach (var task in tasks) task.Dispose();
        if (Directory.Exists(config.StateDir)) Directory.Delete(config.StateDir, recursive: true);
    }

    internal Queue<OutputRecord> Output(string topic) => outputs.TryGetValue(topic, out var queue) ? queue : outputs[topic] = new Queue<OutputRecord>();

    internal void Pipe(string topic, byte[]? key, byte[]? value, long timestamp, Headers? headers)
    {
        Enqueue(topic, key, value, timestamp, headers);
        Drain();
    }

    private StreamTask CreateTask(TaskId id, Topology topology, Internals.Graph.Subtopology sub, ErrorHandler errors, IReadOnlyDictionary<string, IStoreInstance>? globalStores)
    {
        var topics = sub.SourceTopics.Select(t => t.Resolve(config.ApplicationId)).ToList();
        var task = new StreamTask(id, topology, sub, config, collector, errors, clock, topics.Select(t => new TopicPartition(t, 0)), globalStores, recordCache);
        task.InitializeStores();
        task.InitializeTopology();
        tasks.Add(task);
        foreach (var topic in topics) taskByTopic[topic] = task;
        return task;
    }

    private void Enqueue(string topic, byte[]? key, byte[]? value, long timestamp, Headers? headers)
    {
        var offset = offsets.GetValueOrDefault(topic);
        offsets[topic] = offset + 1;
        taskByTopic[topic].Add(new ConsumeResult<byte[], byte[]>
        {
            Topic = topic,
            Partition = 0,
            Offset = offset,
            Message = new Message<byte[], byte[]> { Key = key!, Value = value!, Timestamp = new Timestamp(timestamp, TimestampType.CreateTime), Headers = headers },
        });
    }

    private void Drain()
    {
        // Records fed back from sinks are queued and processed here, not inside the sink, so processing never re-enters.
        if (processing) return;
        processing = true;
        try
        {
            bool progressed;
            do
            {
                progressed = false;
                foreach (var task in tasks)
                {
                    // Kafka Streams' driver commits after every record, so caching stores forward each update.
                    while (task.Process())
                    {
                        task.FlushCaches();
                        progressed = true;
                    }
                }
                // Writes of punctuations; what their flush forwards to internal topics is processed in the next round.
                foreach (var task in tasks) task.FlushCaches();
                progressed |= tasks.Any(t => t.Buffered > 0);
            }
            while (progressed);
            foreach (var task in tasks) task.FlushStores();
        }
        finally
        {
            processing = false;
        }
    }

    internal sealed record OutputRecord(byte[]? Key, byte[]? Value, long Timestamp, Headers? Headers, int? Partition);

    private sealed class MockClock(long now) : IClock
    {
        public long NowMs { get; set; } = now;
    }

    private sealed class Collector(TopologyTestDriver driver) : IRecordCollector
    {
        public void Send(string topic, int? partition, byte[]? key, byte[]? value, Headers? headers, long timestamp)
        {
            driver.Output(topic).Enqueue(new OutputRecord(key, value, timestamp, headers, partition));
            if (driver.taskByTopic.ContainsKey(topic)) driver.Enqueue(topic, key, value, timestamp, headers);
        }

        public int PartitionCount(string topic) => 1;
    }
}
