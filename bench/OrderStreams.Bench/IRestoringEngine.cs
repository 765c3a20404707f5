namespace OrderStreams.Bench;

/// <summary>An engine that restores the <see cref="RestoreBench"/>'s changelog into an empty RocksDB store, as it starts.</summary>
public interface IRestoringEngine
{
    /// <summary>Report name.</summary>
    string Name { get; }

    /// <summary>
    /// Starts <paramref name="applicationId"/> with <paramref name="input"/> as a table in store
    /// <see cref="RestoreBench.Store"/>, whose changelog holds <paramref name="records"/> records, and times its restore.
    /// </summary>
    Task<RestoreTiming> RestoreAsync(
        BenchEnvironment environment, string applicationId, string input, long records, TimeSpan timeout, CancellationToken cancellation);
}
