namespace OrderStreams.Streams;

/// <summary>A query touched store partitions that are still restoring; their content is partial. Retry later, or ask for stale reads.</summary>
public sealed class StoreRestoringException(string storeName, IReadOnlyList<RestoreProgress> progress)
    : InvalidStateStoreException($"Store '{storeName}' is restoring partition(s) {Describe(progress)}.")
{
    /// <summary>The restoring partitions the query touched.</summary>
    public IReadOnlyList<RestoreProgress> Progress { get; } = progress;

    private static string Describe(IReadOnlyList<RestoreProgress> progress) =>
        string.Join(", ", progress.Select(p => $"{p.Partition} ({p.Restored} of {p.ToRestore})"));
}
