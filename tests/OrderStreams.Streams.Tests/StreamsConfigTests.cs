using OrderStreams.Streams.Errors;

namespace OrderStreams.Streams.Tests;

public sealed class StreamsConfigTests
{
    [Fact]
    public void Validate_MissingIdAndServers_NamesBoth()
    {
        var error = Assert.Throws<StreamsException>(() => new StreamsConfig().Validate());

        Assert.Contains("ApplicationId is required", error.Message);
        Assert.Contains("BootstrapServers is required", error.Message);
    }

    [Fact]
    public void Validate_DeadLetterWithoutTopic_Fails()
    {
        var config = new StreamsConfig { ApplicationId = "a", BootstrapServers = "b:9092", ProcessingExceptionHandling = ExceptionHandling.DeadLetter };

        Assert.Contains("DeadLetterQueueTopic", Assert.Throws<StreamsException>(config.Validate).Message);
    }

    [Theory]
    [InlineData("group.id")]
    [InlineData("enable.auto.commit")]
    public void Validate_RuntimeOwnedSetting_Fails(string key)
    {
        var config = new StreamsConfig { ApplicationId = "a", BootstrapServers = "b:9092", KafkaSettings = new() { [key] = "x" } };

        Assert.Contains(key, Assert.Throws<StreamsException>(config.Validate).Message);
    }

    [Fact]
    public void Validate_BadApplicationServer_Fails()
    {
        var config = new StreamsConfig { ApplicationId = "a", BootstrapServers = "b:9092", ApplicationServer = "nohost" };

        Assert.Contains("host:port", Assert.Throws<StreamsException>(config.Validate).Message);
    }

    [Fact]
    public void EffectiveCommitInterval_ExactlyOnce_DefaultsTo100Ms()
    {
        var config = new StreamsConfig { ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2 };

        Assert.Equal(TimeSpan.FromMilliseconds(100), config.EffectiveCommitInterval);
    }
}
