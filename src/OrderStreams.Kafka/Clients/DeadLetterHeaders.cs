namespace OrderStreams.Kafka.Clients;

/// <summary>
/// The KIP-1034 headers on a dead letter (beside the original key, value and headers): where the record was read and
/// what failed it. The streams runtime writes them, operations tooling reads them, and Java tooling knows the names.
/// </summary>
public static class DeadLetterHeaders
{
    public const string Prefix = "__streams.errors.";
    public const string Topic = Prefix + "topic";
    public const string Partition = Prefix + "partition";
    public const string Offset = Prefix + "offset";
    public const string Exception = Prefix + "exception";
    public const string Message = Prefix + "message";
    public const string Stacktrace = Prefix + "stacktrace";

    /// <summary>Whether a header is one of these (a redrive leaves them out).</summary>
    public static bool IsErrorHeader(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);
}
