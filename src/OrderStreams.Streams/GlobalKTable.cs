namespace OrderStreams.Streams;

/// <summary>A table replicated in full on every instance; join a stream with it by any key.</summary>
public sealed class GlobalKTable<K, V>
{
    internal GlobalKTable(string storeName, string topic)
    {
        QueryableStoreName = storeName;
        Topic = topic;
    }

    public string QueryableStoreName { get; }

    public string Topic { get; }
}
