using OrderStreams.Platform;

namespace OrderStreams.Cli.Tests.Platform;

public sealed class ServiceInstanceTests
{
    [Fact]
    public void Configure_SetsAndRemovesOneSetting_KeepingTheOthers()
    {
        var instance = new ServiceInstance(ServiceCatalog.Find("denormaliser"), "denormaliser-asof-x", new Dictionary<string, string> { ["Streams:ProcessUntil"] = "t" });

        instance.Configure(ServiceFleet.CompleteFromSetting, "2026-12-01T08:00:00.000Z");
        var marked = instance.Settings.ToDictionary();
        instance.Configure(ServiceFleet.CompleteFromSetting, null);

        Assert.Equal(new Dictionary<string, string> { ["Streams:ProcessUntil"] = "t", ["Streams:CompleteFrom"] = "2026-12-01T08:00:00.000Z" }, marked);
        Assert.Equal(new Dictionary<string, string> { ["Streams:ProcessUntil"] = "t" }, instance.Settings);
    }
}
