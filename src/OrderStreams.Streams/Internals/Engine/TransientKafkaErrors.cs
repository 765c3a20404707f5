using Confluent.Kafka;

namespace OrderStreams.Streams.Internals.Engine;

/// <summary>
/// Broker requests that fail while a broker is unreachable or moving leadership, retried for up to
/// <see cref="GiveUpAfter"/> as Kafka Streams does up to its <c>task.timeout.ms</c>, instead of failing the stream thread
/// (and with it the service) over an outage the brokers recover from.
/// </summary>
internal static class TransientKafkaErrors
{
    /// <summary>Kafka Streams' default <c>task.timeout.ms</c>.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);

    private static readonly HashSet<ErrorCode> Transient =
    [
        ErrorCode.Local_TimedOut, ErrorCode.Local_Transport, ErrorCode.Local_AllBrokersDown, ErrorCode.RequestTimedOut,
        ErrorCode.NotLeaderForPartition, ErrorCode.LeaderNotAvailable, ErrorCode.NetworkException,
        // A partition whose leader is unreachable can be missing from the client's metadata for a while.
        ErrorCode.Local_UnknownPartition, ErrorCode.UnknownTopicOrPart,
        // A request in flight when librdkafka dropped its connection to a broker that went away.
        ErrorCode.Local_DestroyBroker,
        // The group coordinator's broker is unreachable or the coordinator moves (offset commits and fetches).
        ErrorCode.Local_WaitCoord, ErrorCode.GroupCoordinatorNotAvailable, ErrorCode.NotCoordinatorForGroup, ErrorCode.GroupLoadInProgress,
    ];

    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    public static bool IsTransient(ErrorCode code) => Transient.Contains(code);

    /// <summary>
    /// Calls <paramref name="request"/>, a second apart, until it succeeds, fails otherwise, or fails transiently past
    /// <see cref="GiveUpAfter"/>.
    /// </summary>
    /// <param name="retrying">Told of each transient failure before the next try.</param>
    public static T Retry<T>(Func<T> request, Action<KafkaException> retrying)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            try
            {
                return request();
            }
            catch (KafkaException e) when (IsTransient(e.Error.Code) && DateTime.UtcNow < deadline)
            {
                retrying(e);
                Thread.Sleep(Pause);
            }
        }
    }

    /// <summary>
    /// The next record, or null when there is none or a fetch failed transiently: librdkafka reports such a failure
    /// as an error message and fetches the partition again by itself, from the same offset, so nothing is skipped.
    /// </summary>
    public static ConsumeResult<TKey, TValue>? ConsumeOrNull<TKey, TValue>(this IConsumer<TKey, TValue> consumer, TimeSpan timeout, Action<ConsumeException> failed)
    {
        try
        {
            return consumer.Consume(timeout);
        }
        catch (ConsumeException e) when (IsTransient(e.Error.Code))
        {
            failed(e);
            return null;
        }
    }
}
