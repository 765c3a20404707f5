namespace OrderStreams.Operations.History;

/// <summary>How much history one topic's log still holds.</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Partitions">Its partitions checked.</param>
/// <param name="OldestRecord">Timestamp of its oldest retained record (the earliest first record of its partitions), null when it holds none.</param>
/// <param name="StartGone">The partitions whose log no longer starts at offset 0.</param>
/// <param name="RecordsGone">Records dropped from the start of those partitions.</param>
/// <param name="CompleteFrom">From when its history is complete: the latest first retained record of <paramref name="StartGone"/>; null when whole.</param>
/// <param name="Windowed">It keeps a window by design (manifest role <c>window</c>), so a start gone does not make a rebuild partial.</param>
public sealed record TopicHistory(
    string Topic, int Partitions, DateTimeOffset? OldestRecord, IReadOnlyList<int> StartGone, long RecordsGone, DateTimeOffset? CompleteFrom, bool Windowed = false)
{
    public bool Complete => StartGone.Count == 0;
}
