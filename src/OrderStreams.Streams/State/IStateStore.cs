namespace OrderStreams.Streams.State;

/// <summary>A named store owned by one task (or, for global tables, by every instance).</summary>
public interface IStateStore
{
    string Name { get; }

    /// <summary>True when the store keeps its data on disk across restarts (RocksDB).</summary>
    bool Persistent { get; }

    void Flush();
}
