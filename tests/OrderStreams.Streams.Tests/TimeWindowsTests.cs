namespace OrderStreams.Streams.Tests;

public sealed class TimeWindowsTests
{
    [Theory]
    [InlineData(0, new long[] { 0 })]
    [InlineData(9, new long[] { 0 })]
    [InlineData(10, new long[] { 10 })]
    public void WindowStartsFor_Tumbling_OneWindow(long timestamp, long[] expected) =>
        Assert.Equal(expected, TimeWindows.OfSizeWithNoGrace(TimeSpan.FromMilliseconds(10)).WindowStartsFor(timestamp));

    [Theory]
    [InlineData(12, new long[] { 5, 10 })]
    [InlineData(3, new long[] { 0 })]
    public void WindowStartsFor_Hopping_EveryWindowContainingTimestamp(long timestamp, long[] expected) =>
        Assert.Equal(expected, TimeWindows.OfSizeWithNoGrace(TimeSpan.FromMilliseconds(10)).AdvanceBy(TimeSpan.FromMilliseconds(5)).WindowStartsFor(timestamp));

    [Fact]
    public void AdvanceBy_LargerThanSize_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeWindows.OfSizeWithNoGrace(TimeSpan.FromSeconds(1)).AdvanceBy(TimeSpan.FromSeconds(2)));
}
