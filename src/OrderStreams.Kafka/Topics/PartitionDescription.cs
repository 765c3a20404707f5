namespace OrderStreams.Kafka.Topics;

/// <summary>One partition of a topic as the cluster reports it.</summary>
/// <param name="Id">Partition number.</param>
/// <param name="Leader">Broker id of the leader, -1 when it has none.</param>
/// <param name="Replicas">Broker ids holding a replica.</param>
/// <param name="InSyncReplicas">Broker ids of the replicas in sync with the leader.</param>
public sealed record PartitionDescription(int Id, int Leader, IReadOnlyList<int> Replicas, IReadOnlyList<int> InSyncReplicas);
