namespace OrderStreams.Platform;

/// <summary>A rebuild the platform follows, at one moment.</summary>
/// <param name="Service">The service.</param>
/// <param name="ApplicationId">The consumer group rebuilding.</param>
/// <param name="Kind">reset, rebuild or replay.</param>
/// <param name="StartedAt">When the platform started following it.</param>
/// <param name="Done">Records processed of <paramref name="Total"/>.</param>
/// <param name="Total">Records to process.</param>
/// <param name="Fraction">0 to 1.</param>
/// <param name="RecordsPerSecond">Recent rate.</param>
/// <param name="EtaSeconds">Time left at that rate, when it moves.</param>
/// <param name="CaughtUp">Done: lag alerts for the group count again.</param>
/// <param name="CompleteFrom">From when the rebuilt view is complete, when the log had lost earlier records (null: whole history).</param>
public sealed record RebuildSample(
    string Service, string ApplicationId, string Kind, DateTimeOffset StartedAt,
    long Done, long Total, double Fraction, double RecordsPerSecond, double? EtaSeconds, bool CaughtUp, DateTimeOffset? CompleteFrom = null);
