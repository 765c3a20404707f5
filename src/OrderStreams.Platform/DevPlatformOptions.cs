using OrderStreams.OrderFlow;
using OrderStreams.Simulator;

namespace OrderStreams.Platform;

/// <summary>How <c>orderstreams dev</c> runs.</summary>
/// <param name="StateDirectory">Where services keep RocksDB state, the registry its schemas, and logs go.</param>
/// <param name="Configuration">Build configuration of the service executables (Release or Debug).</param>
/// <param name="Simulator">The simulated traffic.</param>
/// <param name="DashboardPort">Dashboard port; 0 picks a free one.</param>
/// <param name="BranchRouting">Hot branches on partitions of their own, for the simulator and every service.</param>
public sealed record DevPlatformOptions(string StateDirectory, string Configuration, SimulatorOptions Simulator, int DashboardPort, BranchRoutingTable BranchRouting);
