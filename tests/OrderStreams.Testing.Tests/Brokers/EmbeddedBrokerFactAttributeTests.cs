using OrderStreams.Testing.Brokers;

namespace OrderStreams.Testing.Tests.Brokers;

public sealed class EmbeddedBrokerFactAttributeTests
{
    [Fact]
    public void SkipReason_OnApacheKafka_SaysWhatTheTestNeeds()
    {
        var reason = EmbeddedBrokerFactAttribute.SkipReason("injects request errors", () => TestBrokerKind.ApacheKafka);

        Assert.Equal("needs the embedded broker: injects request errors", reason);
    }

    [Fact]
    public void SkipReason_OnTheEmbeddedBroker_RunsTheTest()
    {
        Assert.Null(EmbeddedBrokerFactAttribute.SkipReason("injects request errors", () => TestBrokerKind.Embedded));
    }

    [Fact]
    public void SkipReason_SelectionFails_RunsTheTestSoTheFixtureReportsWhy()
    {
        Assert.Null(EmbeddedBrokerFactAttribute.SkipReason("x", () => TestBrokerSelection.Select("docker", () => false)));
    }
}
