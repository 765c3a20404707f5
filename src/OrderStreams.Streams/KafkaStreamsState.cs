namespace OrderStreams.Streams;

public enum KafkaStreamsState
{
    Created,

    /// <summary>Setting up topics, loading global tables, or waiting for the first assignment.</summary>
    Rebalancing,

    Running,

    PendingShutdown,

    NotRunning,

    /// <summary>A stream thread failed; the instance stopped. See <see cref="KafkaStreams.Failure"/>.</summary>
    Error,
}
