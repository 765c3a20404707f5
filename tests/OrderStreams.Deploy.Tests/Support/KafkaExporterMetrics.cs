namespace OrderStreams.Deploy.Tests.Support;

/// <summary>
/// What kafka-exporter (danielqsj/kafka_exporter, the compose file's lag exporter) exposes, from the "Metrics" section of
/// its README. It cannot run here (it needs ListGroups and DescribeGroups, which the embedded broker lacks), so
/// dashboards that query it are checked against this list rather than a live scrape.
/// </summary>
internal static class KafkaExporterMetrics
{
    public const string Job = "kafka-exporter";

    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "kafka_brokers", "kafka_broker_info",
        "kafka_topic_partitions", "kafka_topic_partition_current_offset", "kafka_topic_partition_oldest_offset",
        "kafka_topic_partition_in_sync_replica", "kafka_topic_partition_leader", "kafka_topic_partition_leader_is_preferred",
        "kafka_topic_partition_replicas", "kafka_topic_partition_under_replicated_partition",
        "kafka_consumergroup_current_offset", "kafka_consumergroup_current_offset_sum",
        "kafka_consumergroup_lag", "kafka_consumergroup_lag_sum", "kafka_consumergroup_members",
    };
}
