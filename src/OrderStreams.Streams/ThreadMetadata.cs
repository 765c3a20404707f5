namespace OrderStreams.Streams;

/// <summary>One stream thread of this instance and the tasks assigned to it (see <see cref="KafkaStreams.MetadataForLocalThreads"/>).</summary>
public sealed record ThreadMetadata(string ThreadName, IReadOnlyList<TaskMetadata> ActiveTasks);
