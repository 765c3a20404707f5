using Confluent.Kafka;
using OrderStreams.Streams.Internals.Runtime;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>A stream thread's consumer lag (records and seconds) per input partition and the sizes of its tasks' stores.</summary>
internal sealed class LagGauges(IConsumer<byte[], byte[]> consumer, StreamsMetrics metrics, string applicationId)
{
    public void Publish(IEnumerable<StreamTask> tasks, IEnumerable<InputPartition> partitions)
    {
        foreach (var task in tasks) PublishStoreSizes(task);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var partition in partitions) Publish(partition, now);
    }

    public void PublishStoreSizes(StreamTask task)
    {
        foreach (var store in task.Stores.Values) metrics.StoreSizes[(store.Name, task.Id.Partition)] = store.Bytes.ApproximateCount;
    }

    public void Remove(StreamTask task)
    {
        foreach (var input in task.Inputs) metrics.Gauges.TryRemove((applicationId, input.Topic, input.Partition), out _);
        foreach (var store in task.Stores.Values)
        {
            metrics.StoreSizes.TryRemove((store.Name, task.Id.Partition), out _);
            metrics.IncompleteStores.TryRemove((store.Name, task.Id.Partition), out _);
        }
    }

    private void Publish(InputPartition partition, long now)
    {
        var queue = partition.Queue;
        var high = consumer.GetWatermarkOffsets(partition.TopicPartition).High;
        if (high == Offset.Unset) return;
        var current = queue.NextOffset >= 0 ? queue.NextOffset : consumer.Position(partition.TopicPartition).Value - queue.Count;
        if (current < 0) return;
        var lag = Math.Max(0, high.Value - current);
        double seconds;
        if (lag == 0)
        {
            partition.CaughtUpAt = now;
            seconds = 0;
        }
        else
        {
            var oldest = queue.Count > 0 ? queue.HeadTimestamp : partition.CaughtUpAt ?? now;
            seconds = Math.Max(0, now - oldest) / 1000.0;
        }
        metrics.Gauges[(applicationId, queue.Topic, queue.Partition)] = new StreamsMetrics.LagSnapshot(lag, seconds, current);
    }
}
