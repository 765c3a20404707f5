namespace OrderStreams.Bench;

/// <summary>Everything one <c>bench runtime</c> run measured, and on what (no restore when asked for none).</summary>
public sealed record RuntimeBenchReport(string Machine, IReadOnlyList<BenchResult> Pipelines, RestoreResult? Restore);
