using System.ComponentModel.DataAnnotations;
using OrderStreams.Streams;

namespace OrderStreams.Hosting.Streams;

/// <summary>How a service runs its topology (section <c>Streams</c>, environment variables <c>Streams__ApplicationId</c>, …).</summary>
public sealed class StreamsOptions
{
    public const string Section = "Streams";

    private const string PartitionList = @"^\s*\d+\s*(,\s*\d+\s*)*$";

    /// <summary>Consumer group and prefix of internal topics; defaults to the service's name.</summary>
    [RegularExpression("^[A-Za-z0-9._-]*$", ErrorMessage = "Streams:ApplicationId (environment variable Streams__ApplicationId) may only contain ASCII letters, digits, '.', '_' and '-'.")]
    public string? ApplicationId { get; init; }

    /// <summary>
    /// Root of the RocksDB state directories; defaults to <c>state</c> under the working directory. A <c>{slot}</c> in it
    /// becomes the first <c>slot-N</c> no other running instance holds, for replicas that share one volume.
    /// </summary>
    public string StateDir { get; init; } = "state";

    [Range(1, 64, ErrorMessage = "Streams:NumStreamThreads (environment variable Streams__NumStreamThreads) must be 1 to 64.")]
    public int NumStreamThreads { get; init; } = 1;

    /// <summary><c>AtLeastOnce</c> (default) or <c>ExactlyOnceV2</c> (Apache Kafka only: the embedded broker cannot filter aborted transactions).</summary>
    public ProcessingGuarantee ProcessingGuarantee { get; init; } = ProcessingGuarantee.AtLeastOnce;

    /// <summary><c>Classic</c> (default) or <c>Consumer</c>: KIP-848 consumer groups, assigned by the broker (Apache Kafka 4.0 or later).</summary>
    public ConsumerGroupProtocol GroupProtocol { get; init; } = ConsumerGroupProtocol.Classic;

    /// <summary>Commit and checkpoint interval; the runtime's default (30 s, or 100 ms exactly once) when unset.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Streams:CommitIntervalMs (environment variable Streams__CommitIntervalMs) must be positive.")]
    public int? CommitIntervalMs { get; init; }

    /// <summary>
    /// This instance's <c>host:port</c> for interactive queries; other instances forward requests for its partitions here.
    /// <c>{ip}</c> in it stands for this instance's IPv4 address (<c>{ip}:8104</c>), for replicas that share one configuration.
    /// </summary>
    public string? ApplicationServer { get; init; }

    /// <summary>
    /// Comma-separated partition numbers this instance is pinned to (a hot branch's dedicated partition): it processes
    /// exactly those of every source topic, outside the consumer group. See docs/scale-by-data.md.
    /// </summary>
    [RegularExpression(PartitionList, ErrorMessage = "Streams:AssignedPartitions (environment variable Streams__AssignedPartitions) must be partition numbers separated by commas, e.g. 11 or 10,11.")]
    public string? AssignedPartitions { get; init; }

    /// <summary>Comma-separated partition numbers pinned to other instances, which this (general) instance leaves to them.</summary>
    [RegularExpression(PartitionList, ErrorMessage = "Streams:ExcludedPartitions (environment variable Streams__ExcludedPartitions) must be partition numbers separated by commas, e.g. 11 or 10,11.")]
    public string? ExcludedPartitions { get; init; }

    /// <summary>
    /// Processes the log only up to this time (ISO 8601, e.g. <c>2026-12-01T12:00:00Z</c>): a replay as of then, run
    /// under an application id of its own. See <see cref="StreamsConfig.ProcessUntil"/>; <c>/readyz</c> then lists a
    /// <c>process-until</c> check and <c>/metrics</c> <c>streams_process_until_reached</c>.
    /// </summary>
    public DateTimeOffset? ProcessUntil { get; init; }

    /// <summary>
    /// The time from which this instance's view is complete (ISO 8601), when it was rebuilt from a log that had lost
    /// earlier records; <c>orderstreams app reset/rebuild --accept-partial-history</c> prints it and the dev platform sets
    /// it. See <see cref="StreamsConfig.CompleteFrom"/>: <c>/metrics</c> then has <c>streams_view_complete_from_timestamp_seconds</c>.
    /// </summary>
    public DateTimeOffset? CompleteFrom { get; init; }

    /// <summary>How long stopping the host waits for the stream threads to commit and close.</summary>
    [Range(1, 600, ErrorMessage = "Streams:CloseTimeoutSeconds (environment variable Streams__CloseTimeoutSeconds) must be 1 to 600.")]
    public int CloseTimeoutSeconds { get; init; } = 30;
}
