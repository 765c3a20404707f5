namespace OrderStreams.Cli.Platform;

/// <summary>How <c>orderstreams dev</c> runs.</summary>
/// <param name="StateDirectory">Where services keep RocksDB state, the registry its schemas, and logs go.</param>
/// <param name="Configuration">Build configuration of the service executables (Release or Debug).</param>
/// <param name="OrdersPerSecond">Simulator arrival rate outside rush.</param>
/// <param name="Seed">Simulator seed.</param>
/// <param name="DashboardPort">Dashboard port; 0 picks a free one.</param>
internal sealed record DevPlatformOptions(string StateDirectory, string Configuration, double OrdersPerSecond, int Seed, int DashboardPort);
