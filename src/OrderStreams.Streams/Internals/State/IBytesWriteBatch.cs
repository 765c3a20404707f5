namespace OrderStreams.Streams.Internals.State;

/// <summary>
/// Puts and deletes for one <see cref="IBytesStore"/>, applied in order and at once by its
/// <see cref="IBytesStore.Write(IBytesWriteBatch)"/>. Copies what it is given, so spans over buffers that are
/// released right after (a restore's librdkafka messages) are fine.
/// </summary>
internal interface IBytesWriteBatch : IDisposable
{
    int Count { get; }

    void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);

    void Delete(ReadOnlySpan<byte> key);
}
