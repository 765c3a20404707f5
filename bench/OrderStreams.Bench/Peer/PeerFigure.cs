namespace OrderStreams.Bench.Peer;

/// <summary>One line of the side-by-side table: a figure of both engines (medians of the rounds) and the ratios.</summary>
/// <param name="Figure">What was measured, e.g. <c>stateless-avro-map throughput</c>.</param>
/// <param name="Unit">records/s, ms, s or partitions.</param>
/// <param name="Runtime">Our runtime's median.</param>
/// <param name="Streamiz">Streamiz's median.</param>
/// <param name="StreamizToRuntime">Streamiz ÷ runtime.</param>
/// <param name="RuntimeToCeiling">
/// Runtime ÷ the ceiling's median (pass-through, or the plain consumer for restore), when there is one.
/// </param>
/// <param name="StreamizToCeiling">Streamiz ÷ the ceiling's median.</param>
/// <param name="RuntimeRounds">Our runtime's figure in each round.</param>
/// <param name="StreamizRounds">Streamiz's figure in each round.</param>
public sealed record PeerFigure(
    string Figure,
    string Unit,
    double Runtime,
    double Streamiz,
    double StreamizToRuntime,
    double? RuntimeToCeiling,
    double? StreamizToCeiling,
    IReadOnlyList<double> RuntimeRounds,
    IReadOnlyList<double> StreamizRounds);
