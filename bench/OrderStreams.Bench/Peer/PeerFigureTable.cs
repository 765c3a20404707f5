namespace OrderStreams.Bench.Peer;

/// <summary>Builds the side-by-side figures: medians of the rounds, their ratio, and each engine's ratio to the ceiling.</summary>
public sealed class PeerFigureTable(IReadOnlyList<PipelineSample> ceiling)
{
    private readonly List<PeerFigure> figures = [];

    public IReadOnlyList<PeerFigure> Figures => figures;

    /// <summary>A pipeline figure; its ceiling is the pass-through's same figure.</summary>
    public void Add(
        string figure, string unit, IReadOnlyList<PipelineSample> ours, IReadOnlyList<PipelineSample> theirs, Func<PipelineSample, double> value) =>
        Add(figure, unit, ours.Select(value).ToList(), theirs.Select(value).ToList(), Statistics.Median(ceiling.Select(value)));

    /// <summary>A figure of another kind, with a ceiling measured in each of its own samples or none.</summary>
    public void Add<T>(
        string figure, string unit, IReadOnlyList<T> ours, IReadOnlyList<T> theirs, Func<T, double> value, Func<T, double>? ceilingOf = null) =>
        Add(figure, unit, ours.Select(value).ToList(), theirs.Select(value).ToList(),
            ceilingOf is null ? null : Statistics.Median(ours.Concat(theirs).Select(ceilingOf)));

    private void Add(string figure, string unit, List<double> ours, List<double> theirs, double? ceiling)
    {
        var (runtime, streamiz) = (Statistics.Median(ours), Statistics.Median(theirs));
        figures.Add(new PeerFigure(
            figure, unit, runtime, streamiz, streamiz / runtime, runtime / ceiling, streamiz / ceiling, ours, theirs));
    }
}
