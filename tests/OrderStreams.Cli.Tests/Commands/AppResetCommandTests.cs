using OrderStreams.Cli.Tests.Platform;
using OrderStreams.Testing;

namespace OrderStreams.Cli.Tests.Commands;

[Collection(DevPlatformCollection.Name)]
public sealed class AppResetCommandTests(DevPlatformFixture platform)
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Reset_StoppedDenormaliser_RebuildsTheSameViewsAndQueryAnswers()
    {
        var before = await QuietSnapshotAsync();
        var id = (await platform.InstanceAsync("denormaliser")).GetProperty("applicationId").GetString()!;

        var dryRun = platform.Cli("app", "reset", "denormaliser");
        var stop = platform.Cli("app", "stop", "denormaliser");
        using var reset = platform.StartCli("app", "reset", "denormaliser", "--execute", "--follow");
        reset.WaitForLine(line => line.StartsWith($"Reset '{id}'", StringComparison.Ordinal), Generous);
        var annotated = await DevPlatformFixture.EventuallyAsync(
            () => platform.Http.GetStringAsync("metrics"),
            m => DevPlatformFixture.Sum(m, "orderstreams_rebuild_in_progress", $"consumergroup=\"{id}\",service=\"denormaliser\",kind=\"reset\"") == 1,
            TimeSpan.FromMinutes(1), "the rebuild annotation");
        var start = platform.Cli("app", "start", "denormaliser");
        var caughtUp = reset.WaitForLine(line => line.Contains("caught up", StringComparison.Ordinal), Generous);
        var resetExit = reset.Stop(TimeSpan.FromMinutes(1));
        var after = await QuietSnapshotAsync();
        var restarted = await platform.InstanceAsync("denormaliser");
        var metrics = await platform.Http.GetStringAsync(new Uri(new Uri(restarted.GetProperty("url").GetString()!), "metrics"));
        var done = await DevPlatformFixture.EventuallyAsync(
            () => platform.Http.GetStringAsync("metrics"),
            m => DevPlatformFixture.Sum(m, "orderstreams_rebuild_in_progress", $"consumergroup=\"{id}\",service=\"denormaliser\",kind=\"reset\"") == 0,
            TimeSpan.FromMinutes(1), "the rebuild annotation cleared");

        Assert.True(dryRun.ExitCode == 0, dryRun.Errors);
        Assert.Contains("Dry run: nothing changed", dryRun.Output);
        Assert.Contains("tombstone every live key", dryRun.Output);
        Assert.True(stop.ExitCode == 0, stop.Errors);
        Assert.Contains("has no members", stop.Output);
        Assert.True(start.ExitCode == 0, start.Errors);
        Assert.Equal(0, resetExit);
        Assert.Contains(id, caughtUp);
        Assert.NotNull(annotated);
        Assert.NotNull(done);
        Assert.True(DevPlatformFixture.Sum(metrics, "streams_restore_records_total", $"application=\"{id}\"") > 0, "the restarted denormaliser restored no changelog records");
        Assert.Equal(before.Views.Count, after.Views.Count);
        var changed = before.Views.Where(v => after.Views.GetValueOrDefault(v.Key) != v.Value).Select(v => v.Key).ToList();
        Assert.True(changed.Count == 0, $"{changed.Count} of {before.Views.Count} views differ after the rebuild, e.g. order {changed.FirstOrDefault()}");
        Assert.Equal(before.Queries, after.Queries);
    }

    [Fact]
    public void Reset_UnknownService_SaysWhichExist()
    {
        var (exitCode, _, errors) = platform.Cli("app", "reset", "kitchen");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("No service 'kitchen'; the services are payment-completion, branch-assignment, driver-assignment, denormaliser.", errors);
    }

    // The pipeline is quiet once the simulated orders have run their course: then orders.view stops growing.
    private async Task<(Dictionary<string, string> Views, List<string> Queries)> QuietSnapshotAsync()
    {
        long? previous = null;
        await DevPlatformFixture.EventuallyAsync(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            var end = ViewSnapshot.EndOffsets(platform.BootstrapServers, "orders.view");
            var denormaliser = await platform.InstanceAsync("denormaliser");
            var lag = (await platform.GetJsonAsync("api/state")).GetProperty("latest").GetProperty("services").EnumerateArray()
                .Single(s => s.GetProperty("applicationId").GetString() == denormaliser.GetProperty("applicationId").GetString()).GetProperty("lag").GetInt64();
            var quiet = end == previous && lag == 0 && denormaliser.GetProperty("state").GetString() == "running";
            previous = end;
            return quiet;
        }, quiet => quiet, TimeSpan.FromMinutes(6), "a quiet orders.view");

        var views = ViewSnapshot.Read(platform.BootstrapServers, "orders.view");
        var queries = new List<string>();
        for (var branch = 0; branch < 12; branch++) queries.Add(await platform.Http.GetStringAsync($"query/denormaliser/branches/branch-{branch:D2}/orders"));
        foreach (var order in views.Keys.Order().Take(40)) queries.Add(await platform.Http.GetStringAsync($"query/denormaliser/orders/{order}"));
        return (views, queries);
    }
}
