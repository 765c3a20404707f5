using OrderStreams.Hosting.Metrics;

namespace OrderStreams.Hosting.Tests.Metrics;

public sealed class MetricsOptionsTests
{
    [Theory]
    [InlineData("OrderStreams.Streams", true)]
    [InlineData("OrderStreams.Services.PaymentCompletion", true)]
    [InlineData("System.Runtime", false)]
    [InlineData("OrderStreamsX", false)]
    public void Exports_DefaultMeters_OrderStreamsOnly(string meter, bool exported) =>
        Assert.Equal(exported, new MetricsOptions().Exports(meter));

    [Theory]
    [InlineData("OrderStreams.Streams", true)]
    [InlineData("OrderStreams.Streams.Extra", false)]
    [InlineData("OrderStreams.Services.BranchAssignment", true)]
    [InlineData("OrderStreams.Kafka", false)]
    [InlineData("System.Runtime", true)]
    public void Exports_ConfiguredPatterns_ExactNamesAndPrefixes(string meter, bool exported)
    {
        var options = new MetricsOptions { Meters = ["OrderStreams.Streams", "OrderStreams.Services.*", "System.Runtime"] };

        Assert.Equal(exported, options.Exports(meter));
    }
}
