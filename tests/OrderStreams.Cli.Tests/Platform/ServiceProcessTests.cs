using System.Diagnostics;
using System.Text.Json;
using OrderStreams.Testing;

namespace OrderStreams.Cli.Tests.Platform;

/// <summary>
/// Services started by the dev platform die with it, even when it is killed with SIGKILL and cannot stop them. Runs a
/// platform of its own (it kills it), in the dev platform collection so that the two do not start at the same time.
/// </summary>
[Collection(DevPlatformCollection.Name)]
public sealed class ServiceProcessTests
{
    [Fact]
    public async Task Start_DevPlatformKilledHard_ItsServicesStopWithinSeconds()
    {
        var stateDirectory = Directory.CreateTempSubdirectory("orderstreams-orphans-").FullName;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        using var dev = ChildProcess.StartDotnet(RepositoryPaths.AssemblyOf("src/OrderStreams.Cli", "orderstreams"),
            ["dev", "--state-dir", stateDirectory, "--configuration", configuration, "--max-orders", "20", "--orders-per-second", "3"]);
        var processIds = new List<int>();
        try
        {
            var dashboard = dev.WaitForLine(line => line.StartsWith("dashboard.url=", StringComparison.Ordinal), TimeSpan.FromMinutes(4))["dashboard.url=".Length..];
            using var http = new HttpClient { BaseAddress = new Uri(dashboard), Timeout = TimeSpan.FromSeconds(30) };
            var instances = await DevPlatformFixture.EventuallyAsync(
                async () => JsonDocument.Parse(await http.GetStringAsync("api/platform")).RootElement.GetProperty("instances").EnumerateArray().ToList(),
                all => all.Count == 4 && all.All(i => i.GetProperty("state").GetString() == "running"), TimeSpan.FromMinutes(4), "every service running");
            processIds.AddRange(instances.Select(i => i.GetProperty("processId").GetInt32()));

            // SIGKILL of the platform alone, not of its process tree: it gets no chance to stop its services.
            Process.GetProcessById(dev.Id).Kill(entireProcessTree: false);

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (processIds.Any(ServiceFleetTests.IsAlive) && DateTime.UtcNow < deadline) await Task.Delay(200);
            Assert.DoesNotContain(processIds, ServiceFleetTests.IsAlive);
        }
        finally
        {
            foreach (var id in processIds.Where(ServiceFleetTests.IsAlive)) Process.GetProcessById(id).Kill();
            Directory.Delete(stateDirectory, recursive: true);
        }
    }
}
