namespace OrderStreams.Bench.Peer;

/// <summary>What <c>bench runtime --peer streamiz</c> measures.</summary>
/// <param name="Settings">Records, value size, latency rate and duration, as for <c>bench runtime</c>.</param>
/// <param name="Pipelines">Pipeline names to compare; those Streamiz does not run are left out.</param>
/// <param name="Rounds">Rounds; every figure is the median of its rounds.</param>
/// <param name="RestoreRecords">Changelog records restored by each engine each round (0: no restore).</param>
/// <param name="VerifyRecords">Records over which the engines' outputs are compared first (0: not compared).</param>
/// <param name="ScaleOut">Measure the pause of a 1→2 scale-out each round.</param>
public sealed record PeerBenchOptions(
    BenchSettings Settings, IReadOnlySet<string> Pipelines, int Rounds, int RestoreRecords, int VerifyRecords, bool ScaleOut);
