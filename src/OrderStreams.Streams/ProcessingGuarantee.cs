namespace OrderStreams.Streams;

public enum ProcessingGuarantee
{
    /// <summary>Outputs and state may repeat after a failure; processors must tolerate redelivered input.</summary>
    AtLeastOnce,

    /// <summary>
    /// One transaction per thread and commit covering outputs, changelogs and input offsets. The embedded broker commits
    /// transactions but cannot filter aborted ones from read_committed consumers, so use it on Apache Kafka.
    /// </summary>
    ExactlyOnceV2,
}
