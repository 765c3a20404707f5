using Confluent.Kafka;
using OrderStreams.Streams.Internals.Engine;

namespace OrderStreams.Streams.Tests.Engine;

public sealed class TransientKafkaErrorsTests
{
    [Theory]
    [InlineData(ErrorCode.Local_TimedOut)]
    [InlineData(ErrorCode.Local_UnknownPartition)]
    [InlineData(ErrorCode.NotLeaderForPartition)]
    [InlineData(ErrorCode.Local_WaitCoord)]
    [InlineData(ErrorCode.NotCoordinatorForGroup)]
    [InlineData(ErrorCode.Local_DestroyBroker)]
    public void Retry_TransientFailureThenSuccess_ReturnsTheAnswerAfterTellingOfTheFailure(ErrorCode code)
    {
        var calls = 0;
        var told = new List<ErrorCode>();

        var answer = TransientKafkaErrors.Retry(() => ++calls == 1 ? throw new KafkaException(code) : 42, e => told.Add(e.Error.Code));

        Assert.Equal(42, answer);
        Assert.Equal(2, calls);
        Assert.Equal(new[] { code }, told);
    }

    [Fact]
    public void Retry_OtherFailure_ThrowsAtOnce()
    {
        var calls = 0;

        var thrown = Assert.Throws<KafkaException>(() => TransientKafkaErrors.Retry<int>(() => { calls++; throw new KafkaException(ErrorCode.TopicAuthorizationFailed); }, _ => { }));

        Assert.Equal(ErrorCode.TopicAuthorizationFailed, thrown.Error.Code);
        Assert.Equal(1, calls);
    }
}
