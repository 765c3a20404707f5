using System.Text.Json;
using OrderStreams.Platform.Dashboard;

namespace OrderStreams.Platform.Tests;

public sealed class DevSummaryJsonTests
{
    [Fact]
    public void Serialize_WritesTheFunnelAndEachServicesPeakAndLastLag()
    {
        var summary = new DevSummary(
            new Funnel(100, 95, 2, 3, 90, 4, 1, 88, 80, 75, 0),
            [new ServiceLagSummary("denormaliser", "denormaliser", 120, 52.5, true, 5)]);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(summary, DashboardJson.Default.DevSummary));

        Assert.Equal(100, json.RootElement.GetProperty("funnel").GetProperty("placed").GetInt64());
        var service = json.RootElement.GetProperty("services").EnumerateArray().Single();
        Assert.Equal(
            """{"service":"denormaliser","applicationId":"denormaliser","peakLag":120,"peakAtSeconds":52.5,"peakDuringRush":true,"lastLag":5}""",
            service.GetRawText());
    }
}
