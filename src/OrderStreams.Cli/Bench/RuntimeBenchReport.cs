namespace OrderStreams.Cli.Bench;

/// <summary>Everything one <c>bench runtime</c> run measured, and on what.</summary>
internal sealed record RuntimeBenchReport(string Machine, IReadOnlyList<BenchResult> Pipelines, RestoreResult Restore);
