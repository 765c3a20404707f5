using System.Diagnostics;
using System.Text.Json;
using OrderStreams.Native;

namespace OrderStreams.Cli.Tests.Platform;

/// <summary>The dev platform supervises its services: a crashed one comes back, a stopped one stops within its timeout.</summary>
[Collection(DevPlatformCollection.Name)]
public sealed class ServiceFleetTests(DevPlatformFixture platform)
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Supervise_ServiceKilledHard_IsStartedAgainAndReportsReady()
    {
        // driver-assignment, whose input never goes quiet: a restarted instance with idle partitions publishes no lag
        // gauges yet, which the metrics test of this collection needs from every instance.
        var before = await RunningAsync("driver-assignment");

        Process.GetProcessById(before.GetProperty("processId").GetInt32()).Kill();

        var after = await DevPlatformFixture.EventuallyAsync(
            () => platform.InstanceAsync("driver-assignment"),
            i => i.GetProperty("restarts").GetInt32() > before.GetProperty("restarts").GetInt32() && i.GetProperty("state").GetString() == "running"
                 && i.GetProperty("processId").GetInt32() != before.GetProperty("processId").GetInt32(),
            TimeSpan.FromMinutes(3), "driver-assignment started again and ready");
        using var ready = await platform.Http.GetAsync(new Uri(new Uri(after.GetProperty("url").GetString()!), "readyz"));
        var dashboard = await platform.GetJsonAsync("api/state");

        Assert.True(ready.IsSuccessStatusCode, await ready.Content.ReadAsStringAsync());
        var sample = dashboard.GetProperty("latest");
        Assert.Contains(sample.GetProperty("services").EnumerateArray(),
            s => s.GetProperty("applicationId").GetString() == "driver-assignment" && s.GetProperty("restarts").GetInt32() >= 1);
        Assert.Contains(sample.GetProperty("supervisor").EnumerateArray(),
            e => e.GetString()!.Contains("driver-assignment exited with code 137", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Supervise_ServiceTerminatedUnderLoad_ExitsWithinItsCloseTimeoutCommittingAndComesBack()
    {
        // Driver pings never stop, so driver-assignment always has records in flight.
        var before = await RunningAsync("driver-assignment");
        var processId = before.GetProperty("processId").GetInt32();

        var clock = Stopwatch.StartNew();
        Assert.True(ProcessSignals.Terminate(processId));
        while (IsAlive(processId) && clock.Elapsed < CloseTimeout + TimeSpan.FromSeconds(30)) await Task.Delay(100);
        var stoppedAfter = clock.Elapsed;

        Assert.True(stoppedAfter < CloseTimeout, $"driver-assignment took {stoppedAfter} to stop on SIGTERM.");
        var events = await DevPlatformFixture.EventuallyAsync(
            async () => (await platform.GetJsonAsync("api/state")).GetProperty("latest").GetProperty("supervisor").EnumerateArray().Select(e => e.GetString()!).ToList(),
            all => all.Any(e => e.Contains("driver-assignment exited with code 0", StringComparison.Ordinal)), TimeSpan.FromSeconds(30),
            "the exit reported with code 0");
        Assert.Contains(events, e => e.Contains("restarting in", StringComparison.Ordinal));
        var log = platform.LogOf("driver-assignment");
        var shutdown = log[log.LastIndexOf("Application is shutting down", StringComparison.Ordinal)..];
        Assert.Contains("(clean)", shutdown, StringComparison.Ordinal);
        Assert.DoesNotContain("could not commit", shutdown, StringComparison.Ordinal);
        Assert.DoesNotContain("did not stop", shutdown, StringComparison.Ordinal);
        await DevPlatformFixture.EventuallyAsync(
            () => platform.InstanceAsync("driver-assignment"),
            i => i.GetProperty("state").GetString() == "running" && i.GetProperty("processId").GetInt32() != processId,
            TimeSpan.FromMinutes(3), "driver-assignment started again");
    }

    private Task<JsonElement> RunningAsync(string service) =>
        DevPlatformFixture.EventuallyAsync(
            () => platform.InstanceAsync(service), i => i.GetProperty("state").GetString() == "running", TimeSpan.FromMinutes(3), $"{service} running");

    /// <summary>Whether the process runs (an exited child its parent has not reaped yet is a zombie, state Z).</summary>
    internal static bool IsAlive(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].First() != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
