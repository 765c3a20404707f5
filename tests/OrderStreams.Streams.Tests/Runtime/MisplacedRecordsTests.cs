using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using OrderStreams.Kafka.Clients;
using OrderStreams.Streams.Errors;
using OrderStreams.Streams.Internals.Runtime;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Tests.Runtime;

public sealed class MisplacedRecordsTests
{
    private const string Topic = "orders";
    private const string DeadLetters = "app.dlq";
    private static readonly TaskId Task = new(0, 3);
    private readonly FakeCollector collector;
    private readonly MisplacedRecords misplaced;

    public MisplacedRecordsTests()
    {
        var config = new StreamsConfig { ApplicationId = "app", ProcessingExceptionHandling = ExceptionHandling.DeadLetter, DeadLetterQueueTopic = DeadLetters };
        collector = new FakeCollector(config);
        misplaced = new MisplacedRecords(new OwnerByKey(), "app", collector, NullLogger.Instance);
    }

    [Fact]
    public void Handled_KeyOwnedByItsPartition_ProcessedHere()
    {
        Assert.False(misplaced.Handled(Record("p5", partition: 5), Task));
        Assert.Empty(collector.Sent);
    }

    [Fact]
    public void Handled_KeyOwnedByAnotherPartition_ForwardedThereWithTheSameBytesAndMarked()
    {
        var raw = Record("p5", partition: 3, offset: 42);

        Assert.True(misplaced.Handled(raw, Task));

        var sent = Assert.Single(collector.Sent);
        Assert.Equal((Topic, 5), (sent.Topic, sent.Partition));
        Assert.Equal(raw.Message.Value, sent.Value);
        Assert.Equal(raw.Message.Timestamp.UnixTimestampMs, sent.Timestamp);
        Assert.Equal("app", Text(sent.Headers, MisplacedRecords.ForwardedByHeader));
        Assert.Equal("3@42", Text(sent.Headers, MisplacedRecords.ForwardedFromHeader));
    }

    [Fact]
    public void Handled_OwnCopyOnAWrongPartitionAgain_DeadLetteredWithTheReason()
    {
        var raw = Record("p5", partition: 3, headers: new Headers { { MisplacedRecords.ForwardedByHeader, Encoding.UTF8.GetBytes("app") } });

        Assert.True(misplaced.Handled(raw, Task));

        var dead = Assert.Single(collector.Sent);
        Assert.Equal(DeadLetters, dead.Topic);
        Assert.Contains("routing tables disagree", Text(dead.Headers, DeadLetterHeaders.Message));
    }

    [Fact]
    public void Handled_NoPartitionCanOwnTheKey_DeadLetteredWithTheReason()
    {
        Assert.True(misplaced.Handled(Record("p20", partition: 3), Task));

        var dead = Assert.Single(collector.Sent);
        Assert.Equal(DeadLetters, dead.Topic);
        Assert.Contains("No partition of 'orders' can own", Text(dead.Headers, DeadLetterHeaders.Message));
    }

    [Fact]
    public void Handled_AnotherApplicationsCopy_SkippedBecauseThisOneForwardsItsOwn()
    {
        var raw = Record("p5", partition: 5, headers: new Headers { { MisplacedRecords.ForwardedByHeader, Encoding.UTF8.GetBytes("other") } });

        Assert.True(misplaced.Handled(raw, Task));
        Assert.Empty(collector.Sent);
    }

    [Fact]
    public void Handled_OwnCopyOnTheOwner_ProcessedHere()
    {
        var raw = Record("p5", partition: 5, headers: new Headers { { MisplacedRecords.ForwardedByHeader, Encoding.UTF8.GetBytes("app") } });

        Assert.False(misplaced.Handled(raw, Task));
    }

    private static ConsumeResult<byte[], byte[]> Record(string key, int partition, long offset = 0, Headers? headers = null) => new()
    {
        Topic = Topic,
        Partition = partition,
        Offset = offset,
        Message = new Message<byte[], byte[]>
        {
            Key = Encoding.UTF8.GetBytes(key), Value = [1, 2, 3], Timestamp = new Timestamp(1_000, TimestampType.CreateTime), Headers = headers ?? [],
        },
    };

    private static string Text(Headers? headers, string key) =>
        headers is not null && headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";

    /// <summary>A key <c>pN</c> belongs to partition N of <see cref="Topic"/>; other topics are not checked.</summary>
    private sealed class OwnerByKey : IKeyOwnership
    {
        public int? OwnerOf(string topic, byte[] key, int partitionCount)
        {
            if (topic != Topic) return null;
            var partition = int.Parse(Encoding.UTF8.GetString(key)[1..], System.Globalization.CultureInfo.InvariantCulture);
            return partition < partitionCount ? partition : throw new ArgumentException($"partition {partition} is beyond {partitionCount}.");
        }
    }

    private sealed class FakeCollector : IRecordCollector
    {
        public FakeCollector(StreamsConfig config) => Errors = new ErrorHandler(config, NullLogger.Instance, this);

        public ErrorHandler Errors { get; }

        public List<(string Topic, int? Partition, byte[]? Value, Headers? Headers, long Timestamp)> Sent { get; } = [];

        public void Send(string topic, int? partition, byte[]? key, byte[]? value, Headers? headers, long timestamp) =>
            Sent.Add((topic, partition, value, headers, timestamp));

        public int PartitionCount(string topic) => 12;
    }
}
