using Confluent.Kafka;

namespace OrderStreams.Bench;

/// <summary>How every benchmark producer sends: a full local queue waits for deliveries to make room.</summary>
public static class BenchProducer
{
    public static void ProduceWaitingForRoom(this IProducer<byte[], byte[]> producer, string topic, Message<byte[], byte[]> message)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }
}
