using OrderStreams.Testing.Brokers;

namespace OrderStreams.Testing.Tests.Brokers;

public sealed class TestBrokerSelectionTests
{
    private static readonly Func<bool> Reachable = () => true;
    private static readonly Func<bool> Unreachable = () => false;
    private static readonly Func<bool> NotAsked = () => throw new InvalidOperationException("the Docker engine was asked");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("auto")]
    [InlineData(" AUTO ")]
    public void Select_UnsetOrAuto_DockerReachable_IsApacheKafka(string? requested)
    {
        Assert.Equal(TestBrokerKind.ApacheKafka, TestBrokerSelection.Select(requested, Reachable));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("auto")]
    public void Select_UnsetOrAuto_NoDocker_IsEmbedded(string? requested)
    {
        Assert.Equal(TestBrokerKind.Embedded, TestBrokerSelection.Select(requested, Unreachable));
    }

    [Theory]
    [InlineData("embedded")]
    [InlineData("Embedded")]
    public void Select_Embedded_IsEmbeddedWithoutAskingDocker(string requested)
    {
        Assert.Equal(TestBrokerKind.Embedded, TestBrokerSelection.Select(requested, NotAsked));
    }

    [Theory]
    [InlineData("docker")]
    [InlineData("DOCKER")]
    public void Select_Docker_DockerReachable_IsApacheKafka(string requested)
    {
        Assert.Equal(TestBrokerKind.ApacheKafka, TestBrokerSelection.Select(requested, Reachable));
    }

    [Fact]
    public void Select_Docker_NoDocker_FailsNamingTheVariableAndTheWayOut()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestBrokerSelection.Select("docker", Unreachable));

        Assert.Contains("ORDERSTREAMS_TEST_BROKER=docker", error.Message);
        Assert.Contains("no Docker engine answers", error.Message);
        Assert.Contains("DOCKER_HOST", error.Message);
        Assert.Contains("embedded broker", error.Message);
    }

    [Fact]
    public void Select_UnknownValue_FailsListingTheValues()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestBrokerSelection.Select("kafka3", NotAsked));

        Assert.Contains("'kafka3'", error.Message);
        Assert.Contains("docker, embedded or auto", error.Message);
    }
}
