using OrderStreams.Cli.Tests.Platform;

namespace OrderStreams.Cli.Tests.Commands;

[Collection(DevPlatformCollection.Name)]
public sealed class AppRebuildCommandTests(DevPlatformFixture platform)
{
    [Fact]
    public async Task Rebuild_Denormaliser_SwitchesTheQueryGatewayToTheCaughtUpVersion_AndRetiresTheOld()
    {
        var old = (await platform.InstanceAsync("denormaliser")).GetProperty("applicationId").GetString()!;

        var (exitCode, output, errors) = platform.Cli("app", "rebuild", "denormaliser", "--execute");

        Assert.True(exitCode == 0, errors + output);
        var next = System.Text.RegularExpressions.Regex.Match(output, "Queries of denormaliser now go to (denormaliser-v[0-9]+)").Groups[1].Value;
        Assert.NotEmpty(next);
        Assert.Contains("caught up", output);
        var serving = await platform.InstanceAsync("denormaliser");
        Assert.Equal((next, "running"), (serving.GetProperty("applicationId").GetString(), serving.GetProperty("state").GetString()));
        var instances = (await platform.GetJsonAsync("api/platform")).GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("applicationId").GetString()).ToList();
        Assert.DoesNotContain(old, instances);
        using var answer = await platform.Http.GetAsync("query/denormaliser/branches/branch-00/orders");
        Assert.True(answer.IsSuccessStatusCode);
        Assert.Equal(next, answer.Headers.GetValues("X-OrderStreams-Instance").Single());
    }

    [Fact]
    public void Rebuild_ServiceWithoutQueries_RefusesAndPointsToReset()
    {
        var (exitCode, _, errors) = platform.Cli("app", "rebuild", "payment-completion", "--execute");

        Assert.Equal(64, exitCode);
        Assert.Contains("payment-completion serves no queries", errors);
        Assert.Contains("app reset", errors);
    }
}
