using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderStreams.Kafka.Embedded;

/// <summary>Body of <c>POST /topics</c> on <see cref="EmbeddedClusterControl"/>.</summary>
/// <param name="ReplicationFactor">Replicas per partition, 1 to the broker count; null or -1 for the broker's default (3, or fewer brokers).</param>
public sealed record TopicRequest(string Name, int Partitions, int? ReplicationFactor = null)
{
    private const int MaxNameLength = 249;
    private static readonly SearchValues<char> LegalCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    /// <summary>Why Kafka's CreateTopics would refuse this request on a cluster of <paramref name="brokerCount"/> brokers, or null.</summary>
    internal string? Problem(int brokerCount)
    {
        if (string.IsNullOrEmpty(Name)) return "Send {\"name\": ..., \"partitions\": >= 1}: the topic name is missing.";
        if (Name is "." or "..") return $"The topic name cannot be '{Name}'.";
        if (Name.Length > MaxNameLength) return $"The topic name has {Name.Length} characters; at most {MaxNameLength} are allowed.";
        if (Name.AsSpan().IndexOfAnyExcept(LegalCharacters) is var illegal and >= 0)
            return $"The topic name '{Name}' contains '{Name[illegal]}'; only ASCII letters, digits, '.', '_' and '-' are allowed.";
        if (Partitions < 1) return $"The partition count is {Partitions}; it must be at least 1.";
        if (ReplicationFactor is { } factor and not -1 && (factor < 1 || factor > brokerCount))
            return $"The replication factor is {factor}; it must be between 1 and the broker count, {brokerCount} (or -1 for the default).";
        return null;
    }

    /// <summary>The replication factor to create with: the one asked for, or the default capped at the broker count.</summary>
    internal int Replicas(int brokerCount) => ReplicationFactor is { } factor and not -1 ? factor : Math.Min(3, brokerCount);

}

/// <summary>Body of <c>POST /errors</c>: the next requests of Kafka API <see cref="ApiKey"/> (0 Produce, 1 Fetch, …) fail with <see cref="ErrorCodes"/>, in order.</summary>
internal sealed record ErrorInjection(short ApiKey, int[] ErrorCodes);

/// <summary>Body of <c>POST /coordinators</c>: the coordinator of group (or transactional id) <see cref="Key"/> moves to <see cref="Broker"/>.</summary>
/// <param name="KeyType"><c>group</c> or <c>transaction</c>.</param>
internal sealed record CoordinatorMove(string KeyType, string Key, int Broker)
{
    /// <summary>Why the move cannot be made on a cluster of <paramref name="brokerCount"/> brokers, or null.</summary>
    public string? Problem(int brokerCount) =>
        KeyType is not ("group" or "transaction") ? "Send {\"keyType\": \"group\" or \"transaction\", \"key\": ..., \"broker\": id}."
        : string.IsNullOrEmpty(Key) ? "The key (a group or transactional id) is missing."
        : Broker < 1 || Broker > brokerCount ? $"No broker {Broker}; the brokers are 1 to {brokerCount}."
        : null;
}

/// <summary>Body of <c>POST /records/delete</c>: as Kafka's DeleteRecords, each partition's records before its offset go.</summary>
public sealed record DeleteRecordsRequest(IReadOnlyList<RecordsBefore> Partitions)
{
    /// <summary>Why the request cannot be carried out, or null.</summary>
    internal string? Problem() =>
        Partitions is not { Count: > 0 } ? "Send {\"partitions\": [{\"topic\": ..., \"partition\": >= 0, \"beforeOffset\": >= 0}, ...]}."
        : Partitions.FirstOrDefault(p => string.IsNullOrEmpty(p.Topic) || p.Partition < 0 || p.BeforeOffset < 0) is { } wrong
            ? $"Partition {wrong.Partition} of '{wrong.Topic}' before offset {wrong.BeforeOffset}: a topic, a partition >= 0 and an offset >= 0 are needed."
        : null;
}

/// <summary>One partition of a <see cref="DeleteRecordsRequest"/>.</summary>
public sealed record RecordsBefore(string Topic, int Partition, long BeforeOffset);

/// <summary>Answer of <c>POST /brokers/{id}/down|up</c>.</summary>
internal sealed record BrokerState(int Broker, string State);

/// <summary>An error answer: RFC 9457 problem details (<c>application/problem+json</c>), the reason in <see cref="Detail"/>.</summary>
internal sealed record ControlProblem(string Title, int Status, string Detail)
{
    public string Type => "about:blank";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TopicRequest))]
[JsonSerializable(typeof(ControlProblem))]
[JsonSerializable(typeof(ErrorInjection))]
[JsonSerializable(typeof(BrokerState))]
[JsonSerializable(typeof(CoordinatorMove))]
[JsonSerializable(typeof(DeleteRecordsRequest))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, int>))]
internal sealed partial class ControlJson : JsonSerializerContext;
