using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.TestDriver;

namespace OrderStreams.Streams.Tests;

public sealed class TimeWindowedKStreamTests
{
    private static readonly Consumed<string, string> Strings = Consumed<string, string>.With(Serdes.String, Serdes.String);

    [Fact]
    public void Count_Tumbling_CountsPerWindowAndDropsAfterGrace()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings)
            .GroupByKey()
            .WindowedBy(TimeWindows.OfSizeAndGrace(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50)))
            .Count(Materialized<string, long>.As("counts"))
            .ToStream()
            .To("out", Produced<Windowed<string>, long>.With(Serdes.TimeWindowed(Serdes.String, TimeSpan.FromMilliseconds(100)), Serdes.Long));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);

        input.PipeInput("k", "a", timestamp: 10);
        input.PipeInput("k", "b", timestamp: 90);
        input.PipeInput("k", "c", timestamp: 120);
        input.PipeInput("k", "late-but-in-grace", timestamp: 50);
        input.PipeInput("k", "d", timestamp: 260);
        input.PipeInput("k", "too-late", timestamp: 60);

        var store = driver.GetWindowStore<string, long>("counts");
        Assert.Equal(3, store.Fetch("k", 0));
        Assert.Equal(1, store.Fetch("k", 100));
        Assert.Equal(1, store.Fetch("k", 200));
        var last = driver.CreateOutputTopic("out", Serdes.TimeWindowed(Serdes.String, TimeSpan.FromMilliseconds(100)), Serdes.Long).ReadRecordsToList().Last();
        Assert.Equal((new Windowed<string>("k", 200, 300), 1L), (last.Key, last.Value));
    }

    [Fact]
    public void Aggregate_Hopping_UpdatesEveryOverlappingWindow()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings)
            .GroupByKey()
            .WindowedBy(TimeWindows.OfSizeWithNoGrace(TimeSpan.FromMilliseconds(10)).AdvanceBy(TimeSpan.FromMilliseconds(5)))
            .Aggregate(() => "", (_, v, agg) => agg + v, Materialized<string, string>.As("hops").WithValueSerde(Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);

        input.PipeInput("k", "a", timestamp: 7);
        input.PipeInput("k", "b", timestamp: 12);

        var store = driver.GetWindowStore<string, string>("hops");
        Assert.Equal([new(0, "a"), new(5, "ab"), new(10, "b")], store.Fetch("k", 0, 20).ToList());
    }

    [Fact]
    public void Join_StreamsWithinWindow_JoinedInEitherOrder()
    {
        var builder = new StreamsBuilder();
        var orders = builder.Stream("orders", Strings);
        var payments = builder.Stream("payments", Strings);
        orders.Join(payments, (o, p) => $"{o}+{p}", JoinWindows.OfTimeDifferenceWithNoGrace(TimeSpan.FromMilliseconds(100)), StreamJoined<string, string, string>.With(Serdes.String, Serdes.String, Serdes.String))
            .To("out", Produced<string, string>.With(Serdes.String, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build());
        var orderInput = driver.CreateInputTopic("orders", Serdes.String, Serdes.String);
        var paymentInput = driver.CreateInputTopic("payments", Serdes.String, Serdes.String);

        orderInput.PipeInput("o1", "order1", timestamp: 1000);
        paymentInput.PipeInput("o1", "pay1", timestamp: 1050);
        paymentInput.PipeInput("o2", "pay2", timestamp: 1060);
        orderInput.PipeInput("o2", "order2", timestamp: 1070);
        paymentInput.PipeInput("o1", "pay-late", timestamp: 1200);

        var output = driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadRecordsToList();
        Assert.Equal([("o1", "order1+pay1", 1050L), ("o2", "order2+pay2", 1070L)], output.Select(r => (r.Key, r.Value, r.Timestamp)));
    }

    [Fact]
    public void Count_HoppingWithGrace_LateRecordCountsOnlyInWindowsStillOpen()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings)
            .GroupByKey()
            .WindowedBy(TimeWindows.OfSizeAndGrace(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(5)).AdvanceBy(TimeSpan.FromMilliseconds(5)))
            .Count(Materialized<string, long>.As("hops"));
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("in", Serdes.String, Serdes.String);

        input.PipeInput("k", "a", timestamp: 7);
        input.PipeInput("k", "b", timestamp: 22);
        // Stream time is 22: window [5,15) closed at 15 + 5 = 20, window [10,20) stays open until 25.
        input.PipeInput("k", "late", timestamp: 12);

        var store = driver.GetWindowStore<string, long>("hops");
        Assert.Equal([new(0, 1L), new(5, 1L), new(10, 1L), new(15, 1L), new(20, 1L)], store.Fetch("k", 0, 30).ToList());
    }

    [Theory]
    [InlineData(1100, true)]
    [InlineData(900, true)]
    [InlineData(1101, false)]
    [InlineData(899, false)]
    public void Join_AtTheTimeDifferenceBounds_JoinedOnlyWithin(long paymentTimestamp, bool joined)
    {
        var (driver, orders, payments) = JoinDriver(JoinWindows.OfTimeDifferenceWithNoGrace(TimeSpan.FromMilliseconds(100)));
        using var _ = driver;

        orders.PipeInput("o1", "order", timestamp: 1000);
        payments.PipeInput("o1", "pay", timestamp: paymentTimestamp);

        var output = driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadValuesToList();
        Assert.Equal(joined ? ["order+pay"] : [], output);
    }

    [Fact]
    public void Join_SeveralRecordsOnBothSides_EveryPairInWindowJoinedOnce()
    {
        var (driver, orders, payments) = JoinDriver(JoinWindows.OfTimeDifferenceWithNoGrace(TimeSpan.FromMilliseconds(100)));
        using var _ = driver;

        orders.PipeInput("o1", "a", timestamp: 1000);
        orders.PipeInput("o1", "b", timestamp: 1000);
        payments.PipeInput("o1", "x", timestamp: 1010);
        payments.PipeInput("o2", "other-key", timestamp: 1010);
        orders.PipeInput("o1", "c", timestamp: 1020);

        var output = driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadValuesToList();
        Assert.Equal(["a+x", "b+x", "c+x"], output);
    }

    [Fact]
    public void Join_LateRecord_JoinedWithinGraceDroppedAfter()
    {
        var (driver, orders, payments) = JoinDriver(JoinWindows.OfTimeDifferenceAndGrace(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50)));
        using var _ = driver;
        payments.PipeInput("o1", "pay-in-grace", timestamp: 4760);
        payments.PipeInput("o2", "pay-too-late", timestamp: 1000);
        payments.PipeInput("o3", "advances-stream-time", timestamp: 5000);

        // Records older than stream time − (before + after + grace) = 4750 are dropped.
        orders.PipeInput("o1", "order", timestamp: 4760);
        orders.PipeInput("o2", "order", timestamp: 1000);

        var output = driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadKeyValuesToList();
        Assert.Equal([new("o1", "order+pay-in-grace")], output);
    }

    private static (TopologyTestDriver Driver, TestInputTopic<string, string> Orders, TestInputTopic<string, string> Payments) JoinDriver(JoinWindows windows)
    {
        var builder = new StreamsBuilder();
        builder.Stream("orders", Strings)
            .Join(builder.Stream("payments", Strings), (o, p) => $"{o}+{p}", windows, StreamJoined<string, string, string>.With(Serdes.String, Serdes.String, Serdes.String))
            .To("out", Produced<string, string>.With(Serdes.String, Serdes.String));
        var driver = new TopologyTestDriver(builder.Build());
        return (driver, driver.CreateInputTopic("orders", Serdes.String, Serdes.String), driver.CreateInputTopic("payments", Serdes.String, Serdes.String));
    }
}
