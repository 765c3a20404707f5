namespace OrderStreams.Bench;

/// <summary>How one engine's restore went.</summary>
/// <param name="Restored">Changelog records restored.</param>
/// <param name="Restoring">From the moment every store partition had started restoring until the last was done.</param>
/// <param name="Registering">Before that: opening the stores and looking up the changelogs' ends.</param>
public sealed record RestoreTiming(long Restored, TimeSpan Restoring, TimeSpan Registering);
