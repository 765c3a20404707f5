using System.Text.Json.Serialization;
using OrderStreams.Operations.Lag;

namespace OrderStreams.Cli.Commands;

/// <summary>What <c>groups lag</c> prints for one group (also its JSON shape).</summary>
internal sealed record LagReport(string Group, DateTimeOffset At, string Status, long TotalLag, double MaxLagSeconds, IReadOnlyList<PartitionLagReport> Partitions)
{
    public static LagReport From(GroupLag reading, (GroupStatus Group, IReadOnlyDictionary<(string Topic, int Partition), PartitionStatus> Partitions) status) => new(
        reading.Group,
        reading.At,
        status.Group.ToString().ToUpperInvariant(),
        reading.TotalLag,
        reading.MaxLagTime.TotalSeconds,
        reading.Partitions.Select(p => new PartitionLagReport(
            p.Topic, p.Partition, p.CommittedOffset, p.EndOffset, p.Lag, p.LagTime(reading.At).TotalSeconds,
            status.Partitions.GetValueOrDefault((p.Topic, p.Partition)).ToString().ToUpperInvariant())).ToList());
}

internal sealed record PartitionLagReport(string Topic, int Partition, long? CommittedOffset, long EndOffset, long Lag, double LagSeconds, string Status);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(List<LagReport>))]
internal sealed partial class LagReportJson : JsonSerializerContext;
