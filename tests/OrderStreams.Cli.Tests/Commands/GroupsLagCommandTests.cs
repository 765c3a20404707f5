using System.Text.Json;
using OrderStreams.Cli.Tests.Platform;

namespace OrderStreams.Cli.Tests.Commands;

[Collection(DevPlatformCollection.Name)]
public sealed class GroupsLagCommandTests(DevPlatformFixture platform)
{
    private const string Service = "driver-assignment";

    [Fact]
    public async Task Lag_ServiceStoppedUnderLoad_RisesInGroupsLagAndOnMetrics_DrainsAfterTheRestart()
    {
        // Driver pings (drivers.status) keep coming whatever the orders do: that is the load. It must flow before the
        // stop: the platform starts it only once every service is ready, which a stopped service never is.
        await platform.UnderLoadAsync();
        await DevPlatformFixture.EventuallyAsync(
            async () => (await platform.InstanceAsync(Service)).GetProperty("state").GetString(), state => state == "running", TimeSpan.FromMinutes(3), $"{Service} running");
        var stop = platform.Cli("app", "stop", Service);
        try
        {
            await RisesThenDrainsAsync(stop);
        }
        finally
        {
            platform.Cli("app", "start", Service);
        }
    }

    private async Task RisesThenDrainsAsync((int ExitCode, string Output, string Errors) stop)
    {
        var first = TotalLag();
        var risen = await DevPlatformFixture.EventuallyAsync(() => Task.FromResult(TotalLag()), lag => lag >= first + 100, TimeSpan.FromMinutes(2), "lag rising");
        var exported = await DevPlatformFixture.EventuallyAsync(
            async () => DevPlatformFixture.Sum(await platform.Http.GetStringAsync("metrics"), "kafka_consumergroup_lag", $"consumergroup=\"{Service}\"") ?? 0,
            lag => lag >= first + 100, TimeSpan.FromMinutes(1), "lag rising on the platform's /metrics");

        var start = platform.Cli("app", "start", Service);
        // Drained: back to where it was before the stop (pings keep coming, so a running service is a little behind).
        var steady = Math.Max(100, first);
        var drained = await DevPlatformFixture.EventuallyAsync(() => Task.FromResult(TotalLag()), lag => lag < steady, TimeSpan.FromMinutes(3), "lag draining");
        var url = new Uri(new Uri((await platform.InstanceAsync(Service)).GetProperty("url").GetString()!), "metrics");
        var own = await DevPlatformFixture.EventuallyAsync(
            async () => DevPlatformFixture.Sum(await platform.Http.GetStringAsync(url), "kafka_consumergroup_lag", $"consumergroup=\"{Service}\""),
            lag => lag < steady, TimeSpan.FromMinutes(2), "lag drained on the service's own /metrics");

        Assert.True(stop.ExitCode == 0 && start.ExitCode == 0, stop.Errors + start.Errors);
        Assert.True(risen > first && exported >= first + 100 && drained < risen && own < steady, $"lag {first} → {risen} (exported {exported}) → {drained} (service {own})");
    }

    private long TotalLag()
    {
        var (exitCode, output, errors) = Cli.Run("groups", "lag", "--group", Service, "--topic", "drivers.status", "--json", "--bootstrap-servers", platform.BootstrapServers);
        Assert.True(exitCode == 0, errors);
        return JsonDocument.Parse(output).RootElement.EnumerateArray().Single().GetProperty("totalLag").GetInt64();
    }
}
