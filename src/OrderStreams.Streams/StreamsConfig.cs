using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OrderStreams.Kafka.Clients;
using OrderStreams.Kafka.Topics;
using OrderStreams.Streams.Errors;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams;

/// <summary>Typed configuration of a streams application, checked by <see cref="Validate"/> when the application is built.</summary>
public sealed class StreamsConfig
{
    /// <summary>Names the consumer group, the internal topics (<c>&lt;id&gt;-&lt;store&gt;-changelog</c>) and the state directory.</summary>
    public string ApplicationId { get; set; } = "";

    public string BootstrapServers { get; set; } = "";

    /// <summary>librdkafka settings passed to every client as they are (security.protocol, sasl.*, ssl.*, client.id, ...).</summary>
    public Dictionary<string, string> KafkaSettings { get; set; } = [];

    /// <summary>
    /// Creates the internal topics; on the embedded cluster, which has no CreateTopics, its control endpoint's admin
    /// (<see cref="Kafka.Topics.TopicAdmin.Create"/> with the endpoint). Unset: an AdminClient admin on the cluster.
    /// Owned by whoever sets it: the runtime does not dispose it.
    /// </summary>
    public ITopicAdmin? TopicAdmin { get; set; }

    /// <summary>librdkafka settings for the runtime's producers only, over <see cref="KafkaSettings"/> (Kafka Streams' <c>producer.</c> prefix).</summary>
    public Dictionary<string, string> ProducerSettings { get; set; } = [];

    /// <summary>
    /// librdkafka settings for the runtime's consumers only (input, restore, global tables, instance registry), over
    /// <see cref="KafkaSettings"/> (Kafka Streams' <c>consumer.</c> prefix).
    /// </summary>
    public Dictionary<string, string> ConsumerSettings { get; set; } = [];

    public int NumStreamThreads { get; set; } = 1;

    /// <summary>How often offsets are committed and state is checkpointed; defaults to 30 s (at least once) or 100 ms (exactly once), as in Kafka.</summary>
    public TimeSpan? CommitInterval { get; set; }

    public ProcessingGuarantee ProcessingGuarantee { get; set; } = ProcessingGuarantee.AtLeastOnce;

    /// <summary>The consumer group protocol of the stream threads: <see cref="ConsumerGroupProtocol.Classic"/> (default) or KIP-848's <see cref="ConsumerGroupProtocol.Consumer"/>.</summary>
    public ConsumerGroupProtocol GroupProtocol { get; set; } = ConsumerGroupProtocol.Classic;

    /// <summary>Root of the state directories; each task gets <c>&lt;StateDir&gt;/&lt;ApplicationId&gt;/&lt;task&gt;/</c>.</summary>
    public string StateDir { get; set; } = Path.Combine(Path.GetTempPath(), "orderstreams-state");

    /// <summary>An <c>ISerde&lt;K&gt;</c> used wherever a key serde is not given.</summary>
    public object? DefaultKeySerde { get; set; }

    /// <summary>An <c>ISerde&lt;V&gt;</c> used wherever a value serde is not given.</summary>
    public object? DefaultValueSerde { get; set; }

    public ExceptionHandling DeserializationExceptionHandling { get; set; } = ExceptionHandling.Fail;

    public ExceptionHandling ProcessingExceptionHandling { get; set; } = ExceptionHandling.Fail;

    public ExceptionHandling ProductionExceptionHandling { get; set; } = ExceptionHandling.Fail;

    /// <summary>Where <see cref="ExceptionHandling.DeadLetter"/> sends records (services use <c>&lt;service&gt;.dlq</c>).</summary>
    public string? DeadLetterQueueTopic { get; set; }

    /// <summary>This instance's <c>host:port</c> for interactive queries, published to the other instances.</summary>
    public string? ApplicationServer { get; set; }

    /// <summary>
    /// Pins this instance to these partition numbers of every source topic ("scale by data": a hot key's partition
    /// gets a consumer of its own). The instance assigns them itself instead of joining the consumer group, commits
    /// their offsets to the group <c>&lt;application.id&gt;-pinned</c> (a consumer outside a group cannot commit into
    /// one with active members) and starts from whichever of that group and the application's group is further. Run
    /// one instance per pinned set, and give the general deployment the same numbers as <see cref="ExcludedPartitions"/>.
    /// </summary>
    public IReadOnlyList<int>? AssignedPartitions { get; set; }

    /// <summary>
    /// Partition numbers pinned to other instances (<see cref="AssignedPartitions"/>): this instance joins the group as
    /// usual but processes none of them; when the group gives it one, it copies that partition's committed offset
    /// from <c>&lt;application.id&gt;-pinned</c> into the application's group, so lag tools show every partition.
    /// </summary>
    public IReadOnlyList<int>? ExcludedPartitions { get; set; }

    /// <summary>
    /// Processes the log only up to this time (a temporal query: the state as of then, under an application id of its
    /// own). Each source partition is processed up to its first record with a timestamp after the bound; that record
    /// is not processed, the partition is paused and its offset committed at that record. Global tables load only
    /// records with timestamps at or before the bound. Wall-clock punctuations see the clock stop at the bound.
    /// <see cref="KafkaStreams.ProcessUntilReached"/> says when every source partition of this instance got there.
    /// </summary>
    public DateTimeOffset? ProcessUntil { get; set; }

    /// <summary>
    /// The time from which this application's view is complete, when it was rebuilt from a log that had lost earlier
    /// records (<c>orderstreams app reset --accept-partial-history</c> sets it): exported as
    /// <c>streams_view_complete_from_timestamp_seconds</c> so dashboards and readers know what is missing. Null: whole history.
    /// </summary>
    public DateTimeOffset? CompleteFrom { get; set; }

    /// <summary>Replication factor of internal topics; -1 takes the broker's default.</summary>
    public short ReplicationFactor { get; set; } = -1;

    /// <summary>Most records buffered per input partition; once reached, the thread takes no more from the consumer until it has processed them.</summary>
    public int BufferedRecordsPerPartition { get; set; } = 1000;

    /// <summary>Most records taken from the consumer in one poll loop iteration.</summary>
    public int MaxPollRecords { get; set; } = 2000;

    /// <summary>
    /// Bytes of the record cache in front of caching stores (aggregations by default), split evenly among the stream
    /// threads, as Kafka Streams' <c>statestore.cache.max.bytes</c>; 0 disables caching. A key's updates between
    /// commits then reach the store, the changelog and downstream once.
    /// </summary>
    public long CacheMaxBytesBuffering { get; set; } = 10L * 1024 * 1024;

    /// <summary>
    /// Bytes of the one RocksDB block cache every persistent store of this instance shares (data, index and filter
    /// blocks), so the memory their reads use has one bound however many tasks the instance owns.
    /// </summary>
    public long RocksDbBlockCacheSize { get; set; } = 64L * 1024 * 1024;

    /// <summary>Changelog records applied per restore batch.</summary>
    public int RestoreBatchSize { get; set; } = 10_000;

    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How often records of repartition topics that the application committed past are deleted (Kafka Streams'
    /// <c>repartition.purge.interval.ms</c>, 30 s by default).
    /// </summary>
    public TimeSpan RepartitionPurgeInterval { get; set; } = TimeSpan.FromSeconds(30);

    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Makes the instance's meter (<c>OrderStreams.Streams</c>): pass the host's, so its metrics exporter reports the
    /// instance. Null: the instance makes its own meter, disposed with it.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// Where source keys belong. A record read from a partition that does not own its key is forwarded to the owner
    /// (the same bytes, headers and timestamp, marked <c>__streams.misplaced.*</c>) and not processed where it was
    /// read; it is dead-lettered with the reason when it cannot be forwarded. Null: no check.
    /// </summary>
    public IKeyOwnership? KeyOwnership { get; set; }

    /// <summary>The consumer group pinned instances commit their offsets to.</summary>
    internal string PinnedGroupId => $"{ApplicationId}-pinned";

    /// <summary><see cref="ProcessUntil"/> in Unix milliseconds, the unit of record timestamps.</summary>
    internal long? ProcessUntilMs => ProcessUntil?.ToUnixTimeMilliseconds();

    internal TimeSpan EffectiveCommitInterval =>
        CommitInterval ?? (ProcessingGuarantee == ProcessingGuarantee.ExactlyOnceV2 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(30));

    /// <exception cref="StreamsException">A setting is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        List<string> problems = [];
        if (string.IsNullOrWhiteSpace(ApplicationId)) problems.Add("ApplicationId is required.");
        else if (ApplicationId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
            problems.Add($"ApplicationId '{ApplicationId}' may only contain ASCII letters, digits, '.', '_' and '-' (it names topics).");
        if (string.IsNullOrWhiteSpace(BootstrapServers)) problems.Add("BootstrapServers is required.");
        if (NumStreamThreads < 1) problems.Add($"NumStreamThreads must be at least 1, not {NumStreamThreads}.");
        if (CommitInterval is { } interval && interval <= TimeSpan.Zero) problems.Add($"CommitInterval must be positive, not {interval}.");
        if (string.IsNullOrWhiteSpace(StateDir)) problems.Add("StateDir is required.");
        if (BufferedRecordsPerPartition < 1) problems.Add("BufferedRecordsPerPartition must be at least 1.");
        if (MaxPollRecords < 1) problems.Add("MaxPollRecords must be at least 1.");
        if (RestoreBatchSize < 1) problems.Add("RestoreBatchSize must be at least 1.");
        if (CacheMaxBytesBuffering < 0) problems.Add($"CacheMaxBytesBuffering must not be negative, not {CacheMaxBytesBuffering}.");
        if (RocksDbBlockCacheSize < 0) problems.Add($"RocksDbBlockCacheSize must not be negative, not {RocksDbBlockCacheSize}.");
        if (string.IsNullOrWhiteSpace(DeadLetterQueueTopic) &&
            ExceptionHandling.DeadLetter is var dl &&
            (DeserializationExceptionHandling == dl || ProcessingExceptionHandling == dl || ProductionExceptionHandling == dl))
            problems.Add("DeadLetterQueueTopic is required when an exception handling is DeadLetter.");
        if (ApplicationServer is { } server && !IsHostPort(server)) problems.Add($"ApplicationServer must be host:port, not '{server}'.");
        if (AssignedPartitions is not null && ExcludedPartitions is not null)
            problems.Add("AssignedPartitions (a pinned instance) and ExcludedPartitions (the general deployment) cannot both be set.");
        foreach (var (name, list) in new[] { (nameof(AssignedPartitions), AssignedPartitions), (nameof(ExcludedPartitions), ExcludedPartitions) })
        {
            if (list is null) continue;
            if (list.Count == 0) problems.Add($"{name} must list at least one partition when set.");
            if (list.Any(p => p < 0)) problems.Add($"{name} must not contain negative partitions ({string.Join(",", list)}).");
            if (list.Distinct().Count() != list.Count) problems.Add($"{name} lists a partition twice ({string.Join(",", list)}).");
        }
        foreach (var (name, settings) in new[] { (nameof(KafkaSettings), KafkaSettings), (nameof(ProducerSettings), ProducerSettings), (nameof(ConsumerSettings), ConsumerSettings) })
        {
            foreach (var key in new[] { "group.id", "enable.auto.commit", "bootstrap.servers", "transactional.id" })
            {
                if (settings.ContainsKey(key)) problems.Add($"{name} must not set '{key}'; the runtime sets it.");
            }
            foreach (var key in GroupSettings.Where(settings.ContainsKey))
                problems.Add($"{name} must not set '{key}'; the runtime sets it from GroupProtocol.");
            if (GroupProtocol == ConsumerGroupProtocol.Consumer)
            {
                foreach (var key in BrokerOwnedWithConsumerGroups.Where(settings.ContainsKey))
                    problems.Add($"{name} must not set '{key}' with GroupProtocol Consumer: the broker owns it (group.consumer.* broker settings).");
            }
        }
        if (problems.Count > 0) throw new StreamsException("Invalid streams configuration: " + string.Join(" ", problems));
    }

    /// <summary>Settings that choose the group protocol and its assignment, which the runtime derives from <see cref="ConsumerGroupProtocol"/>.</summary>
    private static readonly string[] GroupSettings = ["group.protocol", "group.remote.assignor", "partition.assignment.strategy"];

    /// <summary>Settings librdkafka refuses with <c>group.protocol=consumer</c>: the broker sets them for KIP-848 groups.</summary>
    private static readonly string[] BrokerOwnedWithConsumerGroups = ["session.timeout.ms", "heartbeat.interval.ms", "group.protocol.type"];

    private static bool IsHostPort(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text[(colon + 1)..], out var port) && port is > 0 and < 65536;
    }

    /// <summary>The settings every client of the runtime is built from: <see cref="KafkaSettings"/> with <see cref="BootstrapServers"/>, and the producer-only and consumer-only ones.</summary>
    public KafkaClientSettings ClientSettings() => new(
        new Dictionary<string, string>(KafkaSettings, StringComparer.Ordinal) { ["bootstrap.servers"] = BootstrapServers },
        ProducerSettings,
        ConsumerSettings);

}
