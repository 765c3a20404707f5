namespace OrderStreams.Bench;

/// <summary>
/// How fast the runtime restored a changelog into RocksDB: <see cref="Seconds"/> from the moment every store partition
/// had started restoring to the last one done; <see cref="RegistrationSeconds"/> before that went to opening each
/// task's store and looking up its changelog's end, one task after the other. The ceiling (<see cref="RestoreCeiling"/>)
/// read the same changelog to its end right before.
/// </summary>
public sealed record RestoreResult(
    long Records,
    int ValueBytes,
    double Seconds,
    double RecordsPerSecond,
    double RegistrationSeconds,
    long CeilingRecords,
    double CeilingSeconds,
    double CeilingRecordsPerSecond)
{
    /// <summary>The restore rate as a share of the ceiling's.</summary>
    public double CeilingRatio => RecordsPerSecond / CeilingRecordsPerSecond;
}
