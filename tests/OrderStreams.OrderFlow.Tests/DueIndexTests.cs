using OrderStreams.OrderFlow;

namespace OrderStreams.OrderFlow.Tests;

public sealed class DueIndexTests
{
    [Fact]
    public void TakeDue_KeysDueByThen_EarliestFirst_AndOnlyOnce()
    {
        var index = DueIndex.Of(new object());
        index.Schedule("late", 300);
        index.Schedule("early", 100);
        index.Schedule("middle", 200);

        Assert.Equal(["early", "middle"], index.TakeDue(200));
        Assert.Empty(index.TakeDue(299));
        Assert.Equal(["late"], index.TakeDue(1_000));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Schedule_AgainOrNull_ReplacesTheEarlierTime()
    {
        var index = DueIndex.Of(new object());
        index.Schedule("moved", 100);
        index.Schedule("moved", 500);
        index.Schedule("gone", 100);
        index.Schedule("gone", null);

        Assert.Empty(index.TakeDue(400));
        Assert.Equal(["moved"], index.TakeDue(500));
    }

    [Fact]
    public void Changed_OnceBuilt_DueAtTheNextCheck_BeforeThatNotTracked()
    {
        var index = DueIndex.Of(new object());
        index.Changed("before");
        Assert.Equal(0, index.Count);

        index.Built = true;
        index.Schedule("written", 10_000);
        index.Changed("written");

        Assert.Equal(["written"], index.TakeDue(0));
    }

    [Fact]
    public void Of_TheSameStore_TheSameIndex()
    {
        var store = new object();

        Assert.Same(DueIndex.Of(store), DueIndex.Of(store));
        Assert.NotSame(DueIndex.Of(store), DueIndex.Of(new object()));
    }
}
