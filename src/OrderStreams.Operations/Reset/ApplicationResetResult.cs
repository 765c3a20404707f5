namespace OrderStreams.Operations.Reset;

/// <summary>What an executed reset changed.</summary>
/// <param name="PartitionsReset">Partitions whose committed offset was set.</param>
/// <param name="TopicsDeleted">Internal topics deleted.</param>
/// <param name="TombstonesWritten">Tombstones written to changelogs (brokers without DeleteTopics).</param>
/// <param name="StateDirectoryDeleted">Whether a local state directory existed and was deleted.</param>
public sealed record ApplicationResetResult(int PartitionsReset, int TopicsDeleted, long TombstonesWritten, bool StateDirectoryDeleted);
