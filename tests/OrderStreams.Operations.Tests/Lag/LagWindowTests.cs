using OrderStreams.Operations.Lag;

namespace OrderStreams.Operations.Tests.Lag;

public sealed class LagWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_AnyZeroLagInWindow_IsOk() =>
        Assert.Equal(PartitionStatus.Ok, Status([(10, 5), (12, 0), (14, 9)]));

    [Fact]
    public void Evaluate_OffsetStuckWhileLagGrows_IsStall() =>
        Assert.Equal(PartitionStatus.Stall, Status([(10, 5), (10, 7), (10, 9)]));

    [Fact]
    public void Evaluate_CommittingButLagGrowsEveryInterval_IsWarn() =>
        Assert.Equal(PartitionStatus.Warn, Status([(10, 5), (11, 7), (12, 9)]));

    [Fact]
    public void Evaluate_CommittingButLagNeverGoesDown_IsWarn() =>
        Assert.Equal(PartitionStatus.Warn, Status([(10, 5), (11, 5), (12, 6)]));

    [Fact]
    public void Evaluate_CommittingAndLagShrinking_IsOk() =>
        Assert.Equal(PartitionStatus.Ok, Status([(10, 9), (14, 7), (18, 5)]));

    [Fact]
    public void Evaluate_OffsetWentBackwards_IsRewind() =>
        Assert.Equal(PartitionStatus.Rewind, Status([(100, 5), (0, 105), (3, 102)]));

    [Fact]
    public void Evaluate_NoCommitForLongerThanTheWindowHadProgress_IsStop()
    {
        // Moved during the first two seconds, then nothing for eight.
        var window = new LagWindow();
        long[] offsets = [10, 11, 12, 12, 12, 12, 12, 12, 12, 12];
        for (var i = 0; i < offsets.Length; i++) window.Add(Reading(T0.AddSeconds(i), offsets[i], 5 + i));

        Assert.Equal(PartitionStatus.Stop, window.Evaluate(T0.AddSeconds(10)).Partitions[("t", 0)]);
    }

    [Fact]
    public void Evaluate_GroupIsTheWorstOfItsPartitions()
    {
        var window = new LagWindow();
        window.Add(new GroupLag("g", T0, [Partition(0, 10, 5), Partition(1, 10, 0)]));
        window.Add(new GroupLag("g", T0.AddSeconds(1), [Partition(0, 10, 8), Partition(1, 12, 0)]));

        var (group, partitions) = window.Evaluate(T0.AddSeconds(2));

        Assert.Equal(GroupStatus.Error, group);
        Assert.Equal((PartitionStatus.Stall, PartitionStatus.Ok), (partitions[("t", 0)], partitions[("t", 1)]));
    }

    [Fact]
    public void Evaluate_RewindingPartition_MakesTheGroupAnError()
    {
        var window = new LagWindow();
        window.Add(new GroupLag("g", T0, [Partition(0, 100, 5)]));
        window.Add(new GroupLag("g", T0.AddSeconds(1), [Partition(0, 0, 105)]));

        var (group, partitions) = window.Evaluate(T0.AddSeconds(1));

        Assert.Equal((GroupStatus.Error, PartitionStatus.Rewind), (group, partitions[("t", 0)]));
    }

    [Fact]
    public void Add_KeepsOnlyTheLastSizeSamples()
    {
        var window = new LagWindow(size: 3);
        // An early zero-lag sample falls out of a window of three, leaving a stall.
        window.Add(Reading(T0, 10, 0));
        for (var i = 1; i <= 3; i++) window.Add(Reading(T0.AddSeconds(i), 10, i));

        Assert.Equal(PartitionStatus.Stall, window.Evaluate(T0.AddSeconds(4)).Partitions[("t", 0)]);
    }

    private static PartitionStatus Status((long Offset, long Lag)[] samples)
    {
        var window = new LagWindow();
        for (var i = 0; i < samples.Length; i++) window.Add(Reading(T0.AddSeconds(i), samples[i].Offset, samples[i].Lag));
        return window.Evaluate(T0.AddSeconds(samples.Length - 1)).Partitions[("t", 0)];
    }

    private static GroupLag Reading(DateTimeOffset at, long offset, long lag) => new("g", at, [Partition(0, offset, lag)]);

    private static PartitionLag Partition(int partition, long offset, long lag) => new("t", partition, offset, 0, offset + lag, null);
}
