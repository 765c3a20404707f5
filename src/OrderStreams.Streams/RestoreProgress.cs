namespace OrderStreams.Streams;

/// <summary>A store partition being restored from its changelog: changelog records written so far of those to restore.</summary>
public sealed record RestoreProgress(string Store, int Partition, long Restored, long ToRestore);
