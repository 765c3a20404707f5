using OrderStreams.Streams.Internals.State;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>Records of one changelog taken in one restore batch, and where the changelog stands after them.</summary>
internal sealed class ChangelogBatch(RestoringChangelog changelog, IBytesWriteBatch records)
{
    public RestoringChangelog Changelog { get; } = changelog;

    public IBytesWriteBatch Records { get; } = records;

    public long Position { get; set; }

    /// <summary>The changelog's last records: once written, its restore is done.</summary>
    public bool Last { get; set; }
}
