namespace OrderStreams.Bench.Peer;

/// <summary>An engine whose instances the <see cref="ScaleOutBench"/> starts one after the other in one group.</summary>
public interface IScalingEngine
{
    string Name { get; }

    /// <summary>
    /// Starts instance <paramref name="instance"/> of <paramref name="applicationId"/>: it stamps each record of
    /// <paramref name="input"/> with <c>ProcessingLog.Stamp(value, instance)</c> into <paramref name="output"/>.
    /// </summary>
    Task<IAsyncDisposable> StartInstanceAsync(
        BenchEnvironment environment, string applicationId, int instance, string input, string output, CancellationToken cancellation);
}
