namespace OrderStreams.Streams.Serialization;

/// <summary>
/// Turns a key or value into bytes and back. Null keys and values (tombstones) never reach a serde: the runtime
/// maps them to <c>null</c> bytes and back itself.
/// </summary>
public interface ISerde<T>
{
    byte[] Serialize(T value, SerdeContext context);

    T Deserialize(ReadOnlySpan<byte> data, SerdeContext context);
}
