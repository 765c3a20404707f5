namespace OrderStreams.Operations.Clients;

/// <summary>How far a <see cref="PartitionScanner"/> has read.</summary>
/// <param name="Scanned">Offsets read past so far.</param>
/// <param name="Total">Offsets to read in all (between the start positions and the high watermarks captured at the start).</param>
/// <param name="Matches">Records kept so far.</param>
public sealed record ScanProgress(long Scanned, long Total, int Matches)
{
    public double Fraction => Total == 0 ? 1 : Math.Min(1, (double)Scanned / Total);
}
