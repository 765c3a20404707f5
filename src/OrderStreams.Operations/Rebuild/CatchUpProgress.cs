namespace OrderStreams.Operations.Rebuild;

/// <summary>How far a group rebuilding from the log has come.</summary>
/// <param name="At">When it was read.</param>
/// <param name="Done">Records processed since the rebuild began, of those it has to process.</param>
/// <param name="Total">Records it has to process: what its source topics held when the rebuild began, then what its repartition and intermediate topics held when those were read.</param>
/// <param name="RecordsPerSecond">Recent processing rate.</param>
/// <param name="Eta">Time left at that rate; null while nothing moves.</param>
/// <param name="Started">Whether the group has processed anything yet (false while the application is not running).</param>
/// <param name="CaughtUp">Whether it has processed all of it.</param>
public sealed record CatchUpProgress(DateTimeOffset At, long Done, long Total, double RecordsPerSecond, TimeSpan? Eta, bool Started, bool CaughtUp)
{
    /// <summary><see cref="Done"/> of <see cref="Total"/>, 0 to 1.</summary>
    public double Fraction => CaughtUp ? 1 : Total == 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);
}
