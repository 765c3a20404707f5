using OrderStreams.SchemaRegistry.Serdes;

namespace OrderStreams.SchemaRegistry.Tests.Serdes;

public sealed class SubjectNameStrategyTests
{
    [Theory]
    [InlineData(false, "orders.placed-value")]
    [InlineData(true, "orders.placed-key")]
    public void TopicNameStrategy_KeyOrValue_AppendsSuffix(bool isKey, string expected) =>
        Assert.Equal(expected, TopicNameStrategy.Instance.SubjectFor("orders.placed", isKey, "com.orderstreams.events.OrderPlaced"));

    [Fact]
    public void RecordNameStrategy_Record_IsTheFullName() =>
        Assert.Equal("com.orderstreams.events.OrderPlaced", RecordNameStrategy.Instance.SubjectFor("orders.placed", false, "com.orderstreams.events.OrderPlaced"));

    [Fact]
    public void RecordNameStrategy_NoRecordName_Throws() =>
        Assert.Throws<ArgumentException>(() => RecordNameStrategy.Instance.SubjectFor("orders.placed", true, null));
}
