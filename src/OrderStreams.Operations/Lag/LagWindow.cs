namespace OrderStreams.Operations.Lag;

/// <summary>
/// The last <see cref="Size"/> lag samples of one group, per partition, evaluated with Burrow's rules in Burrow's
/// order: thresholds are never needed, only the shape of the window (is the consumer moving, is lag shrinking).
/// Any zero lag in the window is OK; otherwise the first that holds of rewind (an offset went back), stop (no new
/// offset for longer than the window had progress), stall (the offset never moved) and warn (lag never went down).
/// </summary>
/// <remarks>Burrow stores a sample per offset commit; we sample on a fixed interval and take the time a committed
/// offset was first seen as its commit time. So a consumer that keeps committing the same offset and one that stopped
/// committing it look alike: both are STALL when the offset never moved in the window (Burrow, seeing no commits at
/// all, would say STOP; either is an error).</remarks>
public sealed class LagWindow(int size = 10)
{
    private readonly Dictionary<(string Topic, int Partition), List<Sample>> samples = new();

    public int Size { get; } = size;

    /// <summary>Adds one reading of the group.</summary>
    public void Add(GroupLag reading)
    {
        foreach (var partition in reading.Partitions)
        {
            var key = (partition.Topic, partition.Partition);
            if (!samples.TryGetValue(key, out var window)) samples[key] = window = [];
            var offset = partition.CommittedOffset ?? -1;
            var committedAt = window.Count > 0 && window[^1].Offset == offset ? window[^1].CommittedAt : reading.At;
            window.Add(new Sample(reading.At, offset, partition.Lag, committedAt));
            if (window.Count > Size) window.RemoveAt(0);
        }
    }

    /// <summary>Every partition's status at <paramref name="now"/>, and the group's.</summary>
    public (GroupStatus Group, IReadOnlyDictionary<(string Topic, int Partition), PartitionStatus> Partitions) Evaluate(DateTimeOffset now)
    {
        var partitions = samples.ToDictionary(s => s.Key, s => Evaluate(s.Value, now));
        // As in Burrow, every partition status worse than a warning makes the group an error, rewinds included.
        var group = partitions.Values.Any(s => s is PartitionStatus.Stall or PartitionStatus.Stop or PartitionStatus.Rewind) ? GroupStatus.Error
            : partitions.Values.Any(s => s is PartitionStatus.Warn) ? GroupStatus.Warn
            : GroupStatus.Ok;
        return (group, partitions);
    }

    internal static PartitionStatus Evaluate(IReadOnlyList<Sample> window, DateTimeOffset now)
    {
        if (window.Count == 0 || window.Any(s => s.Lag == 0)) return PartitionStatus.Ok;
        var (first, last) = (window[0], window[^1]);
        if (window.Zip(window.Skip(1)).Any(pair => pair.Second.Offset < pair.First.Offset)) return PartitionStatus.Rewind;
        if (window.Count < 2) return PartitionStatus.Ok;
        if (now - last.CommittedAt > last.CommittedAt - first.CommittedAt && last.CommittedAt > first.CommittedAt)
            return PartitionStatus.Stop;
        if (first.Offset == last.Offset && last.Lag >= first.Lag) return PartitionStatus.Stall;
        if (window.Zip(window.Skip(1)).All(pair => pair.Second.Lag >= pair.First.Lag)) return PartitionStatus.Warn;
        return PartitionStatus.Ok;
    }

    internal sealed record Sample(DateTimeOffset At, long Offset, long Lag, DateTimeOffset CommittedAt);
}
