namespace OrderStreams.Operations.History;

/// <summary>How much of one partition's history the log still holds.</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Partition">Partition.</param>
/// <param name="LogStart">The partition's low watermark: the first offset still in the log.</param>
/// <param name="LogEnd">The partition's high watermark.</param>
/// <param name="FirstRetained">Timestamp of the first record still in the log (read from the record), or null when it holds none.</param>
/// <param name="Windowed">Its topic keeps a window by design (manifest role <c>window</c>): a start gone does not make a rebuild partial.</param>
public sealed record PartitionHistory(string Topic, int Partition, long LogStart, long LogEnd, DateTimeOffset? FirstRetained, bool Windowed = false)
{
    /// <summary>The log still starts at offset 0: nothing was dropped by retention, size limits or DeleteRecords.</summary>
    public bool Complete => LogStart == 0;

    /// <summary>Its start is gone and its topic should have kept it: a rebuild from it is partial.</summary>
    public bool Partial => !Complete && !Windowed;

    /// <summary>Offsets dropped from the start of the log: the records gone (transaction markers take offsets too, so at most this many).</summary>
    public long RecordsGone => LogStart;
}
