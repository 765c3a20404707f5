using OrderStreams.Streams.State;

namespace OrderStreams.Streams.Internals.State;

/// <summary>The runtime's view of a typed store: its byte-level store for restore, and its lifecycle.</summary>
internal interface IStoreInstance : IStateStore
{
    bool LoggingEnabled { get; }

    IBytesStore Bytes { get; }

    void Init(StoreContext context);

    void Close();

    /// <summary>A read-only view over every local instance of this store (one per task), for interactive queries.</summary>
    object ReadOnlyView(Func<IEnumerable<IStoreInstance>> instances);
}
