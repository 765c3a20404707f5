namespace OrderStreams.Bench;

/// <summary>One way of moving records from an input topic to an output topic, started and stopped by the bench.</summary>
public interface IPipelineUnderTest : IAsyncDisposable
{
    /// <summary>Short name used in the report, e.g. <c>passthrough</c>.</summary>
    string Name { get; }

    /// <summary>True when the output carries per-branch totals (<see cref="BranchTotals"/>) rather than one record per input.</summary>
    bool OutputsTotals => false;

    /// <summary>
    /// When the engine itself was started, if not at the call of <see cref="StartAsync"/> (a process of its own
    /// starts first).
    /// </summary>
    DateTime? EngineStartedAt => null;

    /// <summary>Starts consuming <paramref name="input"/> and producing to <paramref name="output"/>; returns once started.</summary>
    Task StartAsync(BenchEnvironment environment, string input, string output, CancellationToken cancellation);
}
