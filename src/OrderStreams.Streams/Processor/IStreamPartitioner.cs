namespace OrderStreams.Streams.Processor;

/// <summary>Chooses the partition of an output record; returning null falls back to murmur2 of the serialized key.</summary>
public interface IStreamPartitioner<K, V>
{
    int? Partition(string topic, K key, V value, int partitionCount);
}
