namespace OrderStreams.Bench.Peer;

/// <summary>Everything one <c>bench runtime --peer streamiz</c> run measured, and on what.</summary>
/// <param name="Machine">Cores, OS and .NET of the machine.</param>
/// <param name="Engines">The two engines' versions.</param>
/// <param name="Rounds">Rounds; every figure is the median of its rounds.</param>
/// <param name="Settings">The run's settings.</param>
/// <param name="VerifiedRecords">Records each pipeline's outputs were compared over before measuring (0: not compared).</param>
/// <param name="Ceiling">The pass-through's medians: records/s, p50 and p99 ms, first output ms.</param>
/// <param name="Figures">The side-by-side table.</param>
public sealed record PeerBenchReport(
    string Machine,
    string Engines,
    int Rounds,
    BenchSettings Settings,
    int VerifiedRecords,
    PipelineSample Ceiling,
    IReadOnlyList<PeerFigure> Figures);
