using OrderStreams.Operations.History;

namespace OrderStreams.Operations.Tests.History;

public sealed class HistoryReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CheckedAt = T0.AddDays(3);

    [Fact]
    public void Complete_EveryPartitionStartsAtZero_IsCompleteFromTheBeginning()
    {
        var report = new HistoryReport([Whole("orders.placed", 0), Whole("orders.placed", 1), Whole("payments", 0)], CheckedAt);

        Assert.True(report.Complete);
        Assert.Null(report.CompleteFrom);
        Assert.All(report.ByTopic(), t => Assert.True(t.Complete));
    }

    [Fact]
    public void CompleteFrom_StartsGone_IsTheLatestFirstRetainedRecord()
    {
        var report = new HistoryReport(
            [Whole("orders.placed", 0), Cut("orders.placed", 1, 500, T0.AddHours(2)), Cut("payments", 3, 70, T0.AddHours(5)), Whole("payments", 4)], CheckedAt);

        Assert.False(report.Complete);
        Assert.Equal(T0.AddHours(5), report.CompleteFrom);
        var placed = report.ByTopic().Single(t => t.Topic == "orders.placed");
        Assert.Equal([1], placed.StartGone);
        Assert.Equal((500L, T0.AddHours(2)), (placed.RecordsGone, placed.CompleteFrom));
        Assert.Equal(T0, placed.OldestRecord);
    }

    [Fact]
    public void CompleteFrom_PartitionHoldsNoRecordAnyMore_IsTheTimeOfTheCheck()
    {
        var report = new HistoryReport([new PartitionHistory("deliveries", 2, 40, 40, null), Cut("payments", 0, 10, T0)], CheckedAt);

        Assert.Equal(CheckedAt, report.CompleteFrom);
    }

    [Fact]
    public void Complete_WindowedTopicLostItsStart_DoesNotMakeTheRebuildPartial()
    {
        var report = new HistoryReport([Whole("orders.placed", 0), Cut("drivers.status", 0, 9_000, T0.AddDays(2)) with { Windowed = true }], CheckedAt);

        Assert.True(report.Complete);
        Assert.Null(report.CompleteFrom);
        Assert.True(report.ByTopic().Single(t => t.Topic == "drivers.status").Windowed);
    }

    [Fact]
    public void Refusal_NamesTopicsPartitionsRecordsAndTheTime()
    {
        var report = new HistoryReport([Cut("orders.placed", 1, 500, T0.AddHours(2)), Cut("orders.placed", 7, 20, T0.AddHours(1)), Whole("payments", 0)], CheckedAt);

        var refusal = report.Refusal("a reset of 'denormaliser'", "--accept-partial-history");

        Assert.Contains("a reset of 'denormaliser'", refusal);
        Assert.Contains("orders.placed partition(s) 1, 7 (520 record(s) gone, complete from 2026-12-01T10:00:00.000Z)", refusal);
        Assert.Contains("complete only from 2026-12-01T10:00:00.000Z", refusal);
        Assert.Contains("--accept-partial-history", refusal);
        Assert.DoesNotContain("payments", refusal);
    }

    private static PartitionHistory Whole(string topic, int partition) => new(topic, partition, 0, 100, T0);

    private static PartitionHistory Cut(string topic, int partition, long start, DateTimeOffset first) => new(topic, partition, start, start + 100, first);
}
