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
/// Tasks read every record as it is piped, so they are caught up with their input, unless <see cref="StopFetching"/>.
/// It commits after every piped record and wall-clock advance, as Kafka Streams' driver does, unless
/// <see cref="AutoCommit"/> is off; <see cref="Restart"/> starts the tasks again over their stores, as after a crash.
/// </summary>
public sealed class TopologyTestDriver : IDisposable
{
    private readonly StreamsConfig config;
    private readonly Topology topology;
    private readonly Dictionary<string, StreamTask> taskByTopic = new(StringComparer.Ordinal);
    private readonly List<StreamTask> tasks = [];
    private readonly HashSet<string> globalTopics = new(StringComparer.Ordinal);
    private GlobalTask? global;
    private readonly Dictionary<string, Queue<OutputRecord>> outputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> offsets = new(StringComparer.Ordinal);
    private readonly MockClock clock;
    private readonly Collector collector;
    private readonly RecordCache recordCache;
    private readonly ReplayBound? bound;
    private readonly Queue<ConsumeResult<byte[], byte[]>> unread = new();
    private bool processing;
    private bool fetching = true;

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
        bound = ReplayBound.Of(this.config);
        this.topology = topology;
        CreateTasks();
    }

    /// <summary>
    /// Commit after every piped record and wall-clock advance (the default: processors are told, <c>IProcessor.OnCommitted</c>);
    /// false stops committing, as in a process that will die before its next commit (see <see cref="Restart"/>).
    /// </summary>
    public bool AutoCommit { get; set; } = true;

    /// <summary>The mock wall clock in milliseconds since the epoch.</summary>
    public long WallClockMs => clock.NowMs;

    public TestInputTopic<K, V> CreateInputTopic<K, V>(string topic, ISerde<K> keySerde, ISerde<V> valueSerde)
    {
        if (!Reads(topic)) throw new ArgumentException($"The topology does not read topic '{topic}'.", nameof(topic));
        return new TestInputTopic<K, V>(this, topic, keySerde, valueSerde);
    }

    public TestOutputTopic<K, V> CreateOutputTopic<K, V>(string topic, ISerde<K> keySerde, ISerde<V> valueSerde) => new(this, topic, keySerde, valueSerde);

    /// <summary>Moves the wall clock and fires the wall-clock punctuations that became due.</summary>
    public void AdvanceWallClockTime(TimeSpan by)
    {
        clock.NowMs += (long)by.TotalMilliseconds;
        var now = bound?.WallClock(clock.NowMs) ?? clock.NowMs;
        foreach (var task in tasks) task.PunctuateWallClock(now);
        Drain();
    }

    /// <summary>
    /// Acts as a consumer that cannot fetch (a broker down, a service still starting): records piped from now on wait in
    /// their topic unread, so the topic's end offset is ahead of the task, and no task is caught up with its input
    /// (<see cref="IProcessorContext{KOut,VOut}.CaughtUpSince"/> is null) until <see cref="ResumeFetching"/>.
    /// </summary>
    public void StopFetching()
    {
        fetching = false;
        NoteCaughtUp();
    }

    /// <summary>Fetches again: the records that waited are read and processed, in the order they were piped.</summary>
    public void ResumeFetching()
    {
        fetching = true;
        NoteCaughtUp();
        while (unread.TryDequeue(out var record)) Fetch(record);
        Drain();
    }

    /// <summary>
    /// Stops every task without a commit and starts it again over its stores, as a new instance after a crash that
    /// came once the state changes since the last commit were in the changelog: persistent stores keep their content,
    /// in-memory stores start empty, processors are created and initialised anew. Records not yet processed are dropped.
    /// </summary>
    public void Restart()
    {
        DisposeTasks();
        CreateTasks();
    }

    public IKeyValueStore<K, V> GetKeyValueStore<K, V>(string name) => GetStateStore<IKeyValueStore<K, V>>(name);

    public IWindowStore<K, V> GetWindowStore<K, V>(string name) => GetStateStore<IWindowStore<K, V>>(name);

    public S GetStateStore<S>(string name) where S : IStateStore
    {
        foreach (var task in global is null ? tasks : tasks.Prepend<TopologyTask>(global))
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
        DisposeTasks();
        if (Directory.Exists(config.StateDir)) Directory.Delete(config.StateDir, recursive: true);
    }

    internal Queue<OutputRecord> Output(string topic) => outputs.TryGetValue(topic, out var queue) ? queue : outputs[topic] = new Queue<OutputRecord>();

    internal void Pipe(string topic, byte[]? key, byte[]? value, long timestamp, Headers? headers)
    {
        Enqueue(topic, key, value, timestamp, headers);
        Drain();
    }

    private void CreateTasks()
    {
        if (topology.GlobalSubtopology is { } globalSub)
        {
            var topics = globalSub.SourceTopics.Select(t => t.Resolve(config.ApplicationId)).ToList();
            global = new GlobalTask(topology, globalSub, config, collector, clock, topics.Select(t => new TopicPartition(t, 0)));
            global.InitializeStores();
            global.InitializeTopology();
            foreach (var topic in topics) globalTopics.Add(topic);
        }
        foreach (var sub in topology.Subtopologies)
        {
            var topics = sub.SourceTopics.Select(t => t.Resolve(config.ApplicationId)).ToList();
            var task = new StreamTask(new TaskId(sub.Id, 0), topology, sub, config, collector, clock, topics.Select(t => new TopicPartition(t, 0)),
                global?.Stores, recordCache);
            task.InitializeStores();
            task.InitializeTopology();
            tasks.Add(task);
            foreach (var topic in topics) taskByTopic[topic] = task;
        }
        NoteCaughtUp();
    }

    private bool Reads(string topic) => taskByTopic.ContainsKey(topic) || globalTopics.Contains(topic);

    private void DisposeTasks()
    {
        global?.Dispose();
        global = null;
        globalTopics.Clear();
        foreach (var task in tasks) task.Dispose();
        tasks.Clear();
        taskByTopic.Clear();
    }

    private void Enqueue(string topic, byte[]? key, byte[]? value, long timestamp, Headers? headers)
    {
        var offset = offsets.GetValueOrDefault(topic);
        offsets[topic] = offset + 1;
        var record = new ConsumeResult<byte[], byte[]>
        {
            Topic = topic,
            Partition = 0,
            Offset = offset,
            Message = new Message<byte[], byte[]> { Key = key!, Value = value!, Timestamp = new Timestamp(timestamp, TimestampType.CreateTime), Headers = headers },
        };
        if (fetching) Fetch(record);
        else unread.Enqueue(record);
    }

    /// <summary>
    /// As a consumer with nothing more to fetch hands a record over: read to the end at once. Global tables apply it
    /// right away, up to a replay's bound; a task's partition stops at its first record after the bound.
    /// </summary>
    private void Fetch(ConsumeResult<byte[], byte[]> record)
    {
        var beyondBound = bound?.Beyond(record) == true;
        if (global is not null && globalTopics.Contains(record.Topic))
        {
            if (beyondBound) global.Skip(record);
            else global.Apply(record);
            return;
        }
        var task = taskByTopic[record.Topic];
        var queue = task.Queue(record.Topic, 0);
        if (beyondBound && !queue.Stopped) task.StopInput(queue, record.Offset.Value);
        task.Add(record).ReachedEnd(record.Offset.Value + 1);
    }

    /// <summary>What a consumer reports once it has read what there is: each fetching task is at its partitions' ends.</summary>
    private void NoteCaughtUp()
    {
        foreach (var task in tasks)
        {
            foreach (var queue in task.Inputs)
            {
                if (fetching) queue.ReachedEnd(offsets.GetValueOrDefault(queue.Topic));
                queue.EndCurrent = fetching;
            }
            task.CheckCaughtUp();
        }
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
                // A task waiting for an input that is not caught up (not fetching) keeps its records until it is.
                progressed |= tasks.Any(t => t.Buffered > 0 && t.WaitingSince is null);
            }
            while (progressed);
            foreach (var task in tasks)
            {
                task.FlushStores();
                if (AutoCommit) task.MarkCommitted();
            }
            NoteCaughtUp();
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

    private sealed class Collector : IRecordCollector
    {
        private readonly TopologyTestDriver driver;

        public Collector(TopologyTestDriver driver)
        {
            this.driver = driver;
            Errors = new ErrorHandler(driver.config, (driver.config.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TopologyTestDriver>(), this);
        }

        public ErrorHandler Errors { get; }

        public void Send(string topic, int? partition, byte[]? key, byte[]? value, Headers? headers, long timestamp)
        {
            driver.Output(topic).Enqueue(new OutputRecord(key, value, timestamp, headers, partition));
            if (driver.Reads(topic)) driver.Enqueue(topic, key, value, timestamp, headers);
        }

        public int PartitionCount(string topic) => 1;
    }
}
