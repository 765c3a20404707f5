using Microsoft.Extensions.Logging;
using OrderStreams.Kafka.Clients;
using OrderStreams.Streams.Internals.State;
using OrderStreams.Streams.Internals.State.RocksDb;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>What the threads of one <see cref="KafkaStreams"/> instance share.</summary>
internal sealed class EngineContext
{
    private readonly Dictionary<string, int> subtopologyByTopic;
    private readonly HashSet<string> internalSourceTopics;

    public EngineContext(StreamsConfig config, Topology topology, ILoggerFactory loggerFactory, Action<string, Exception> onThreadFailed, Action onAssignmentChanged)
    {
        Config = config;
        Topology = topology;
        LoggerFactory = loggerFactory;
        Clients = new KafkaClientFactory(config.ClientSettings());
        subtopologyByTopic = topology.Subtopologies
            .SelectMany(s => s.SourceTopics.Select(t => (Topic: t.Resolve(config.ApplicationId), s.Id)))
            .ToDictionary(x => x.Topic, x => x.Id, StringComparer.Ordinal);
        SourceTopics = subtopologyByTopic.Keys.ToList();
        internalSourceTopics = topology.Subtopologies
            .SelectMany(s => s.SourceTopics.Where(t => t.Internal).Select(t => t.Resolve(config.ApplicationId)))
            .ToHashSet(StringComparer.Ordinal);
        RocksDb = new RocksDbStoreSettings(config.RocksDbBlockCacheSize, loggerFactory.CreateLogger("OrderStreams.Streams.State"));
        Metrics = new StreamsMetrics(config.MeterFactory, config.ApplicationId);
        OnThreadFailedCallback = onThreadFailed;
        OnAssignmentChangedCallback = onAssignmentChanged;
    }

    public StreamsConfig Config { get; }

    public Topology Topology { get; }

    public ILoggerFactory LoggerFactory { get; }

    public RocksDbStoreSettings RocksDb { get; }

    /// <summary>The instance's instruments.</summary>
    public StreamsMetrics Metrics { get; }

    /// <summary>Makes every client of the runtime: stream threads, global thread, restore, instance registry, topic admin.</summary>
    public KafkaClientFactory Clients { get; }

    /// <summary>Distinguishes this process's clients and transactional ids from other instances'.</summary>
    public string ProcessId { get; } = Guid.NewGuid().ToString("N")[..8];

    public IReadOnlyList<string> SourceTopics { get; }

    public IReadOnlyDictionary<string, IStoreInstance> GlobalStores { get; set; } = new Dictionary<string, IStoreInstance>();

    public bool Failed { get; set; }

    /// <summary>Per stream thread: whether its user-topic partitions are done with <see cref="StreamsConfig.ProcessUntil"/> and committed.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<int, bool> SourcesAtBound { get; } = new();

    /// <summary>Partition counts of every source and internal topic, set at start-up before the threads start.</summary>
    public IReadOnlyDictionary<string, int> PartitionCounts { get; set; } = new Dictionary<string, int>();

    /// <summary>Set before the threads start; read by their restorers.</summary>
    public Processor.IStateRestoreListener? RestoreListener { get; set; }

    private Action<string, Exception> OnThreadFailedCallback { get; }

    private Action OnAssignmentChangedCallback { get; }

    /// <summary>Set before the threads start when the topology has repartition topics; told of every commit.</summary>
    public RepartitionPurge? RepartitionPurge { get; set; }

    /// <summary>Whether a source topic is one of the application's repartition topics.</summary>
    public bool IsInternalTopic(string topic) => internalSourceTopics.Contains(topic);

    public int SubtopologyOf(string topic) =>
        subtopologyByTopic.TryGetValue(topic, out var id) ? id : throw new StreamsException($"Topic '{topic}' is not a source of this topology.") { Topic = topic };

    public void OnThreadFailed(string threadName, Exception error) => OnThreadFailedCallback(threadName, error);

    public void OnAssignmentChanged() => OnAssignmentChangedCallback();
}
