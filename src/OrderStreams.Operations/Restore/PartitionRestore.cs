namespace OrderStreams.Operations.Restore;

/// <summary>A store partition a service instance is restoring from its changelog: records restored and still to restore.</summary>
public sealed record PartitionRestore(string Store, int Partition, long Restored, long Remaining);
