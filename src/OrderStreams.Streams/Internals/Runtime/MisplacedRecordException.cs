namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>A record on a partition that does not own its key, which could not be forwarded to the owner.</summary>
internal sealed class MisplacedRecordException(string message) : Exception(message);
