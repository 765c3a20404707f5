namespace OrderStreams.Streams.Internals.State;

/// <summary>Where a logged store sends its changes: the task's record collector.</summary>
internal interface IChangelogWriter
{
    /// <summary>Sends a store's change to its changelog partition; outputs sent after it must not overtake it.</summary>
    void SendChangelog(string topic, int partition, byte[] key, byte[]? value, long timestamp);
}
