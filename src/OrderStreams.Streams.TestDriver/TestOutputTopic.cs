using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.TestDriver;

/// <summary>Reads what the driven topology wrote to a topic, oldest first; reading consumes.</summary>
public sealed class TestOutputTopic<K, V>
{
    private readonly TopologyTestDriver driver;
    private readonly string topic;
    private readonly ISerde<K> keySerde;
    private readonly ISerde<V> valueSerde;

    internal TestOutputTopic(TopologyTestDriver driver, string topic, ISerde<K> keySerde, ISerde<V> valueSerde)
    {
        this.driver = driver;
        this.topic = topic;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    public bool IsEmpty => QueueSize == 0;

    public int QueueSize => driver.Output(topic).Count;

    public TestRecord<K, V> ReadRecord()
    {
        var queue = driver.Output(topic);
        if (queue.Count == 0) throw new InvalidOperationException($"No more records in output topic '{topic}'.");
        var raw = queue.Dequeue();
        var key = raw.Key is null ? default! : keySerde.Deserialize(raw.Key, new SerdeContext(topic, raw.Headers, true));
        var value = raw.Value is null ? default! : valueSerde.Deserialize(raw.Value, new SerdeContext(topic, raw.Headers, false));
        return new TestRecord<K, V>(key, value, raw.Timestamp, raw.Headers ?? []);
    }

    public KeyValuePair<K, V> ReadKeyValue()
    {
        var record = ReadRecord();
        return new(record.Key, record.Value);
    }

    public V ReadValue() => ReadRecord().Value;

    public List<TestRecord<K, V>> ReadRecordsToList()
    {
        var list = new List<TestRecord<K, V>>();
        while (!IsEmpty) list.Add(ReadRecord());
        return list;
    }

    public List<KeyValuePair<K, V>> ReadKeyValuesToList() => ReadRecordsToList().Select(r => new KeyValuePair<K, V>(r.Key, r.Value)).ToList();

    public List<V> ReadValuesToList() => ReadRecordsToList().Select(r => r.Value).ToList();

    /// <summary>The latest value per key (a null value removes the key), like reading a compacted topic.</summary>
    // Output keys of a map are never null; K stays unconstrained so one topic type serves both uses.
#pragma warning disable CS8714
    public Dictionary<K, V> ReadKeyValuesToMap()
    {
        var map = new Dictionary<K, V>();
        foreach (var record in ReadRecordsToList())
        {
            if (record.Value is null) map.Remove(record.Key);
            else map[record.Key] = record.Value;
        }
        return map;
    }
#pragma warning restore CS8714
}
