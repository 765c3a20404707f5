namespace OrderStreams.Cli.Chaos;

/// <summary>What a chaos run did and what its audit found.</summary>
/// <param name="DurationSeconds">How long traffic flowed with faults.</param>
/// <param name="OrdersPerSecond">The simulated order rate outside rush.</param>
/// <param name="Kills">Service instances killed with SIGKILL.</param>
/// <param name="Restarts">Times the platform's supervisor started a crashed instance again.</param>
/// <param name="GaveUp">Instances the supervisor gave up on after repeated crashes.</param>
/// <param name="BrokerStops">Times a broker went down (and up again).</param>
/// <param name="CoordinatorFailovers">Times the services' group coordinators moved to another broker.</param>
/// <param name="ErrorBursts">Bursts of retriable Produce and Fetch errors injected.</param>
/// <param name="SettleSeconds">From the last order placed until every order had its outcome and every group's lag was 0.</param>
/// <param name="Settled">Whether that happened within the settle timeout (the audit runs anyway).</param>
/// <param name="LoadAverage">The machine's 1/5/15-minute load averages at the end (/proc/loadavg), when known.</param>
/// <param name="Audit">What the audit found.</param>
internal sealed record ChaosSummary(
    double DurationSeconds,
    double OrdersPerSecond,
    int Kills,
    int Restarts,
    int GaveUp,
    int BrokerStops,
    int CoordinatorFailovers,
    int ErrorBursts,
    double SettleSeconds,
    bool Settled,
    string? LoadAverage,
    AuditResult Audit)
{
    public bool Passed => Audit.Passed && Settled && GaveUp == 0;
}
