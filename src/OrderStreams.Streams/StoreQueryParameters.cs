namespace OrderStreams.Streams;

/// <summary>
/// What <see cref="KafkaStreams.Store{T}(StoreQueryParameters)"/> reads: a store, optionally only one partition's task,
/// and whether a store that is still restoring may answer (stale, partial reads).
/// </summary>
/// <param name="StoreName">The store's name in the topology.</param>
public sealed record StoreQueryParameters(string StoreName)
{
    /// <summary>Only this partition's task (null: every local task).</summary>
    public int? Partition { get; init; }

    /// <summary>
    /// Let stores that are restoring answer with what they hold so far. Off by default: a query touching a restoring
    /// store fails with <see cref="StoreRestoringException"/> (as Kafka Streams' <c>enableStaleStores</c>).
    /// </summary>
    public bool EnableStaleStores { get; init; }
}
