namespace OrderStreams.Streams;

/// <summary>A store cannot be queried now: unknown name, wrong type, or not (yet) held by this instance.</summary>
public class InvalidStateStoreException(string message) : StreamsException(message);
