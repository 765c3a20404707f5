using System.Text.RegularExpressions;

namespace OrderStreams.Cli.Tests.Platform.Dashboard;

[Collection(DevPlatformCollection.Name)]
public sealed partial class DashboardServerTests(DevPlatformFixture platform)
{
    [Fact]
    public async Task Dashboard_InHeadlessChromium_RendersThePlatformsNumbersAndCharts()
    {
        // Other tests of the collection may have placed orders of their own.
        var placed = await DevPlatformFixture.EventuallyAsync(
            async () => (await platform.GetJsonAsync("api/state")).GetProperty("latest") is { ValueKind: System.Text.Json.JsonValueKind.Object } latest
                ? latest.GetProperty("funnel").GetProperty("placed").GetInt64()
                : 0,
            count => count >= DevPlatformFixture.Orders, TimeSpan.FromMinutes(3), "every simulated order placed");
        var instances = (await platform.GetJsonAsync("api/platform")).GetProperty("instances").EnumerateArray()
            .Select(i => i.GetProperty("applicationId").GetString()!).ToList();

        var dom = await HeadlessChromium.DumpDomAsync(platform.DashboardUrl);
        var screenshot = await HeadlessChromium.ScreenshotAsync(platform.DashboardUrl);

        Assert.Contains($"data-count=\"placed\">{placed}<", dom);
        var lagChart = Regex.Match(dom, "<svg id=\"lag-chart\".*?</svg>", RegexOptions.Singleline).Value;
        foreach (var instance in instances)
        {
            Assert.Contains($"<tr data-service=\"{instance}\">", dom);
            Assert.Matches($"<tr data-service=\"{instance}\">.*?data-restarts=\"\\d+\"", dom);
            var line = Polyline().Matches(lagChart).SingleOrDefault(m => m.Groups["series"].Value == instance);
            Assert.True(line is not null, $"The lag chart has no line for {instance}.");
            Assert.True(line.Groups["points"].Value.Split(' ').Length >= 2, $"The lag line of {instance} has fewer than two points.");
        }
        var partitionChart = Regex.Match(dom, "<svg id=\"partition-chart\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Equal(12, Polyline().Matches(partitionChart).Count);
        Assert.Contains("<tr data-branch=\"branch-00\"", dom);
        Assert.Contains("data-status=\"PLACED\"", dom);
        Assert.Contains("<tr data-topic=\"orders.placed\" data-complete=\"true\">", dom);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], screenshot[..4]);
        Assert.True(screenshot.Length > 50_000, $"The screenshot is {screenshot.Length} bytes: an empty page?");
    }

    [GeneratedRegex("<polyline points=\"(?<points>[^\"]*)\"[^>]*data-series=\"(?<series>[^\"]*)\"")]
    private static partial Regex Polyline();
}
