using OrderStreams.Streams.Serialization;
using OrderStreams.Streams.TestDriver;

namespace OrderStreams.Streams.Tests;

public sealed class KStreamTests
{
    private static readonly Consumed<string, string> Strings = Consumed<string, string>.With(Serdes.String, Serdes.String);
    private static readonly Produced<string, string> StringsOut = Produced<string, string>.With(Serdes.String, Serdes.String);

    private static (TopologyTestDriver Driver, TestInputTopic<string, string> Input) Drive(StreamsBuilder builder, string input = "in")
    {
        var driver = new TopologyTestDriver(builder.Build());
        return (driver, driver.CreateInputTopic(input, Serdes.String, Serdes.String));
    }

    [Fact]
    public void Filter_PredicateRejects_RecordDropped()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings).Filter((_, v) => v.StartsWith('a')).To("out");
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("k1", "apple");
        input.PipeInput("k2", "banana");

        Assert.Equal([new("k1", "apple")], driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadKeyValuesToList());
    }

    [Fact]
    public void FilterNot_PredicateAccepts_RecordDropped()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings).FilterNot((_, v) => v.StartsWith('a')).To("out");
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("k1", "apple");
        input.PipeInput("k2", "banana");

        Assert.Equal(["banana"], driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadValuesToList());
    }

    [Fact]
    public void Map_NewKeyAndValue_Forwarded()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings).Map((k, v) => (v, v.Length)).To("out", Produced<string, int>.With(Serdes.String, Serdes.Int));
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("k", "four", timestamp: 42);

        var record = driver.CreateOutputTopic("out", Serdes.String, Serdes.Int).ReadRecord();
        Assert.Equal(("four", 4, 42L), (record.Key, record.Value, record.Timestamp));
    }

    [Fact]
    public void MapValues_WithKey_KeyKept()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings).MapValues((k, v) => $"{k}:{v}").To("out", StringsOut);
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("k", "v");

        Assert.Equal(new KeyValuePair<string, string>("k", "k:v"), driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadKeyValue());
    }

    [Fact]
    public void FlatMap_SeveralPairs_AllForwarded()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings).FlatMap((_, v) => v.Split(' ').Select(w => (w, w.ToUpperInvariant()))).To("out", StringsOut);
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("k", "a b");

        Assert.Equal([new("a", "A"), new("b", "B")], driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadKeyValuesToList());
    }

    [Fact]
    public void FlatMapValues_EmptyResult_NothingForwarded()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings).FlatMapValues(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).To("out", StringsOut);
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("k", "");
        input.PipeInput("k", "x y");

        Assert.Equal(["x", "y"], driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadValuesToList());
    }

    [Fact]
    public void SelectKey_ThenGroupByKeyCount_RepartitionsAndCounts()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings)
            .SelectKey((_, v) => v)
            .GroupByKey(Grouped<string, string>.With(Serdes.String, Serdes.String, "by-value"))
            .Count(Materialized<string, long>.As("counts"))
            .ToStream()
            .To("out", Produced<string, long>.With(Serdes.String, Serdes.Long));
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("1", "x");
        input.PipeInput("2", "y");
        input.PipeInput("3", "x");

        Assert.Contains("test-driver-by-value-repartition", driver.ProducedTopics);
        Assert.Equal(new Dictionary<string, long> { ["x"] = 2, ["y"] = 1 }, driver.CreateOutputTopic("out", Serdes.String, Serdes.Long).ReadKeyValuesToMap());
        Assert.Equal(2, driver.GetKeyValueStore<string, long>("counts").Get("x"));
    }

    [Fact]
    public void Peek_Always_SeesRecordAndForwards()
    {
        var seen = new List<string>();
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings).Peek((k, _) => seen.Add(k)).To("out");
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("k", "v");

        Assert.Equal(["k"], seen);
        Assert.Equal(1, driver.CreateOutputTopic("out", Serdes.String, Serdes.String).QueueSize);
    }

    [Fact]
    public void Split_FirstMatchingBranchWins_RestToDefault()
    {
        var builder = new StreamsBuilder();
        var branches = builder.Stream("in", Strings).Split("s-")
            .Branch((_, v) => v.Length < 3, "short")
            .Branch((_, v) => v.Length < 6, "medium")
            .DefaultBranch("long");
        branches["s--short"].To("short");
        branches["s--medium"].To("medium");
        branches["s--long"].To("long");
        var (driver, input) = Drive(builder);
        using var _ = driver;

        foreach (var word in new[] { "ab", "abcd", "abcdefgh", "x" }) input.PipeInput(word, word);

        Assert.Equal(["ab", "x"], driver.CreateOutputTopic("short", Serdes.String, Serdes.String).ReadValuesToList());
        Assert.Equal(["abcd"], driver.CreateOutputTopic("medium", Serdes.String, Serdes.String).ReadValuesToList());
        Assert.Equal(["abcdefgh"], driver.CreateOutputTopic("long", Serdes.String, Serdes.String).ReadValuesToList());
    }

    [Fact]
    public void Merge_TwoStreams_BothForwarded()
    {
        var builder = new StreamsBuilder();
        builder.Stream("a", Strings).Merge(builder.Stream("b", Strings)).To("out");
        using var driver = new TopologyTestDriver(builder.Build());

        driver.CreateInputTopic("a", Serdes.String, Serdes.String).PipeInput("k", "from-a");
        driver.CreateInputTopic("b", Serdes.String, Serdes.String).PipeInput("k", "from-b");

        Assert.Equal(["from-a", "from-b"], driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadValuesToList());
    }

    [Fact]
    public void Repartition_Named_GoesThroughInternalTopic()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings).Repartition(Repartitioned<string, string>.As("rekeyed")).To("out");
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("k", "v");

        Assert.Equal(1, driver.CreateOutputTopic("test-driver-rekeyed-repartition", Serdes.String, Serdes.String).QueueSize);
        Assert.Equal(["v"], driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadValuesToList());
    }

    [Fact]
    public void To_CustomPartitioner_PartitionUsed()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings).To("out", Produced<string, string>.With(Serdes.String, Serdes.String, new FixedPartitioner(0)));
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("k", "v");

        Assert.Equal(0, driver.Output("out").Single().Partition);
    }

    [Fact]
    public void Reduce_SameKey_Combined()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings).GroupByKey().Reduce((a, b) => a + b, Materialized<string, string>.As("joined"));
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("k", "a");
        input.PipeInput("k", "b");

        Assert.Equal("ab", driver.GetKeyValueStore<string, string>("joined").Get("k"));
    }

    [Fact]
    public void Aggregate_NullValue_Skipped()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings).GroupByKey()
            .Aggregate(() => "", (_, v, agg) => agg + v, Materialized<string, string>.As("concatenated").WithValueSerde(Serdes.String));
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("k", "ab");
        input.PipeInput("k", null!);
        input.PipeInput("k", "cd");

        Assert.Equal("abcd", driver.GetKeyValueStore<string, string>("concatenated").Get("k"));
    }

    private sealed class FixedPartitioner(int partition) : Streams.Processor.IStreamPartitioner<string, string>
    {
        public int? Partition(string topic, string key, string value, int partitionCount) => partition;
    }

    [Fact]
    public void Merge_ThenGroupByKeyCount_CountsRecordsOfBothStreams()
    {
        var builder = new StreamsBuilder();
        builder.Stream("left", Strings).Merge(builder.Stream("right", Strings))
            .GroupByKey()
            .Count(Materialized<string, long>.As("counts"));
        using var driver = new TopologyTestDriver(builder.Build());

        driver.CreateInputTopic("left", Serdes.String, Serdes.String).PipeInput("k", "a");
        driver.CreateInputTopic("right", Serdes.String, Serdes.String).PipeInput("k", "b");
        driver.CreateInputTopic("left", Serdes.String, Serdes.String).PipeInput("j", "c");

        var counts = driver.GetKeyValueStore<string, long>("counts");
        Assert.Equal((2L, 1L), (counts.Get("k"), counts.Get("j")));
    }

    [Fact]
    public void Split_NoDefaultBranch_UnmatchedRecordsDropped()
    {
        var builder = new StreamsBuilder();
        var branches = builder.Stream("in", Strings).Split("route")
            .Branch((_, v) => v.StartsWith('a'), "a")
            .Branch((_, v) => v.StartsWith('b'), "b")
            .NoDefaultBranch();
        branches["route-a"].To("out-a", StringsOut);
        branches["route-b"].To("out-b", StringsOut);
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("k", "apple");
        input.PipeInput("k", "cherry");
        input.PipeInput("k", "banana");
        input.PipeInput("k", "avocado");

        Assert.Equal(["route-a", "route-b"], branches.Keys.Order());
        Assert.Equal(["apple", "avocado"], driver.CreateOutputTopic("out-a", Serdes.String, Serdes.String).ReadValuesToList());
        Assert.Equal(["banana"], driver.CreateOutputTopic("out-b", Serdes.String, Serdes.String).ReadValuesToList());
    }

    [Fact]
    public void FlatMap_ThenGroupByKeyCount_CountsEveryNewKey()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings)
            .FlatMap((_, line) => line.Split(' ').Select(word => (word, word)))
            .GroupByKey(Grouped<string, string>.With(Serdes.String, Serdes.String, "words"))
            .Count(Materialized<string, long>.As("counts"));
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("line-1", "to be or not to be");

        var counts = driver.GetKeyValueStore<string, long>("counts");
        Assert.Equal([new("be", 2L), new("not", 1L), new("or", 1L), new("to", 2L)], counts.All().ToList());
    }

    [Fact]
    public void Repartition_AfterMapValues_KeepsKeyAndValueAndTimestamp()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Strings).MapValues(v => v.Length)
            .Repartition(Repartitioned<string, int>.With(Serdes.String, Serdes.Int) with { Name = "lengths" })
            .To("out", Produced<string, int>.With(Serdes.String, Serdes.Int));
        var (driver, input) = Drive(builder);
        using var _ = driver;

        input.PipeInput("k", "four", timestamp: 77);

        var record = driver.CreateOutputTopic("out", Serdes.String, Serdes.Int).ReadRecord();
        Assert.Equal(("k", 4, 77L), (record.Key, record.Value, record.Timestamp));
    }
}
