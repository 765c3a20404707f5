using Confluent.Kafka;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Bench;

/// <summary>
/// The ceiling: librdkafka consuming and producing raw bytes with nothing in between (one consumer, one
/// producer, offsets committed every <see cref="BenchEnvironment.CommitInterval"/>), as a hand-written consume→produce loop would.
/// </summary>
public sealed class PassThroughPipeline : IPipelineUnderTest
{
    private readonly CancellationTokenSource stop = new();
    private Task? loop;

    public string Name => "passthrough";

    public Task StartAsync(BenchEnvironment environment, string input, string output, CancellationToken cancellation)
    {
        loop = Task.Factory.StartNew(() => Run(environment, input, output), TaskCreationOptions.LongRunning);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (loop is not null) await loop;
        stop.Dispose();
    }

    private void Run(BenchEnvironment environment, string input, string output)
    {
        using var producer = environment.Producer<byte[], byte[]>();
        using var consumer = environment.Consumer<byte[], byte[]>($"bench-passthrough-{Guid.NewGuid():N}");
        // As a long-running loop would, and as the runtime's producer does: records are not held for a metadata scan.
        producer.LearnTopic(output, TimeSpan.FromSeconds(10));
        consumer.Subscribe(input);
        var lastCommit = Environment.TickCount64;
        while (!stop.IsCancellationRequested)
        {
            var result = consumer.Consume(100);
            if (result is not null && !result.IsPartitionEOF)
                producer.ProduceWaitingForRoom(output, new Message<byte[], byte[]> { Key = result.Message.Key, Value = result.Message.Value, Headers = result.Message.Headers, Timestamp = result.Message.Timestamp });
            if (Environment.TickCount64 - lastCommit > BenchEnvironment.CommitInterval.TotalMilliseconds)
            {
                producer.Flush();
                TryCommit(consumer);
                lastCommit = Environment.TickCount64;
            }
        }
        producer.Flush();
        TryCommit(consumer);
        consumer.Close();
    }

    private static void TryCommit(IConsumer<byte[], byte[]> consumer)
    {
        try
        {
            consumer.Commit();
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing consumed since the last commit.
        }
    }
}
