namespace OrderStreams.Operations.DeadLetters;

/// <summary>A corrected record to produce instead of one dead letter's original.</summary>
/// <param name="Partition">The dead letter's partition on the dead-letter topic.</param>
/// <param name="Offset">Its offset there.</param>
/// <param name="Value">The corrected value bytes (already in the topic's wire format).</param>
/// <param name="Key">The corrected key, or null to keep the original.</param>
/// <param name="TargetPartition">Where a corrected key belongs on the source topic (by the routing table); null keeps the original partition.</param>
public sealed record RedriveCorrection(int Partition, long Offset, byte[] Value, byte[]? Key = null, int? TargetPartition = null);
