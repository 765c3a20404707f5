namespace OrderStreams.Streams.State;

/// <summary>Reads of a window store: values per key and window start time (milliseconds).</summary>
public interface IReadOnlyWindowStore<K, V>
{
    V? Fetch(K key, long windowStart);

    /// <summary>The windows of <paramref name="key"/> starting between <paramref name="from"/> and <paramref name="to"/>, inclusive, oldest first.</summary>
    IEnumerable<KeyValuePair<long, V>> Fetch(K key, long from, long to);

    IEnumerable<KeyValuePair<Windowed<K>, V>> All();
}
