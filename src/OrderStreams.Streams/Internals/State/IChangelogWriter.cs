namespace OrderStreams.Streams.Internals.State;

internal interface IChangelogWriter
{
    void Log(string topic, int partition, byte[] key, byte[]? value, long timestamp);
}
