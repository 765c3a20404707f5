using Confluent.Kafka;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.TestDriver;

/// <summary>Pipes records into a source topic of the driven topology; each pipe processes the record fully before returning.</summary>
public sealed class TestInputTopic<K, V>
{
    private readonly TopologyTestDriver driver;
    private readonly string topic;
    private readonly ISerde<K> keySerde;
    private readonly ISerde<V> valueSerde;

    internal TestInputTopic(TopologyTestDriver driver, string topic, ISerde<K> keySerde, ISerde<V> valueSerde)
    {
        this.driver = driver;
        this.topic = topic;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /// <summary>Pipes a record; without a timestamp it takes the driver's wall-clock time.</summary>
    public void PipeInput(K key, V value, long? timestamp = null, Headers? headers = null)
    {
        var context = new SerdeContext(topic, headers, true);
        var keyBytes = key is null ? null : keySerde.Serialize(key, context);
        var valueBytes = value is null ? null : valueSerde.Serialize(value, context with { IsKey = false });
        driver.Pipe(topic, keyBytes, valueBytes, timestamp ?? driver.WallClockMs, headers);
    }

    public void PipeInput(K key, V value, DateTimeOffset timestamp) => PipeInput(key, value, timestamp.ToUnixTimeMilliseconds());

    /// <summary>Pipes raw bytes, for testing deserialization failures.</summary>
    public void PipeRaw(byte[]? key, byte[]? value, long? timestamp = null) => driver.Pipe(topic, key, value, timestamp ?? driver.WallClockMs, null);

    public void PipeKeyValueList(IEnumerable<KeyValuePair<K, V>> records)
    {
        foreach (var (key, value) in records) PipeInput(key, value);
    }
}
