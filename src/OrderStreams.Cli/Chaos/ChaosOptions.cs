namespace OrderStreams.Cli.Chaos;

/// <summary>What <c>orderstreams chaos</c> does to the running platform, and for how long.</summary>
/// <param name="Duration">How long traffic flows and faults are made.</param>
/// <param name="KillEvery">A random service is killed with SIGKILL this often (null: never).</param>
/// <param name="BrokerStopEvery">A random broker goes down this often (null: never).</param>
/// <param name="BrokerDownFor">How long a stopped broker stays down.</param>
/// <param name="CoordinatorFailoverEvery">The services' group coordinators move to another broker this often (null: never).</param>
/// <param name="RequestErrorsEvery">A burst of retriable Produce and Fetch errors is injected this often (null: never).</param>
/// <param name="SettleTimeout">How long, once orders stop, every order may take to reach its outcome and every group lag 0.</param>
/// <param name="Seed">Seed of the fault choices (which service, which broker).</param>
internal sealed record ChaosOptions(
    TimeSpan Duration,
    TimeSpan? KillEvery,
    TimeSpan? BrokerStopEvery,
    TimeSpan BrokerDownFor,
    TimeSpan? CoordinatorFailoverEvery,
    TimeSpan? RequestErrorsEvery,
    TimeSpan SettleTimeout,
    int Seed);
