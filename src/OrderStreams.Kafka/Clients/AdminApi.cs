using Confluent.Kafka;

namespace OrderStreams.Kafka.Clients;

/// <summary>
/// Whether a cluster has Kafka's admin API. The embedded broker (librdkafka 2.16's mock cluster) has none of it that a
/// tool could use: CreateTopics, DeleteTopics, DescribeConfigs, DescribeCluster and DescribeTopics wait for a controller
/// it lacks until they time out; DescribeConsumerGroups, DeleteGroups and DeleteRecords are unsupported; and
/// <c>ListConsumerGroupsAsync</c> aborts the whole process there (a double free), so nothing here calls it. Its
/// ApiVersions answer lacks ListGroups, which the classic <c>ListGroups</c> call learns at once without a request.
/// </summary>
public static class AdminApi
{
    /// <summary>The message for a tool that needs the admin API and found the embedded broker.</summary>
    public const string EmbeddedBrokerHint =
        "The cluster has no admin API: it is the embedded broker (librdkafka's mock cluster). "
        + "Pass its control endpoint with --embedded-admin-url (orderstreams dev and broker print it as embedded.admin.url=...).";

    /// <summary>False for the embedded broker (answered locally, at once), true for Apache Kafka.</summary>
    /// <exception cref="KafkaException">The cluster did not answer within <paramref name="timeout"/>.</exception>
    public static bool IsAvailable(IAdminClient admin, TimeSpan timeout)
    {
        try
        {
            admin.ListGroups(timeout);
            return true;
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_UnsupportedFeature)
        {
            return false;
        }
    }
}
