using OrderStreams.Hosting.Streams;

namespace OrderStreams.Hosting.Tests.Streams;

public sealed class StateDirectoryTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("state-directory-").FullName;

    [Fact]
    public void Claim_NoPlaceholder_IsTheConfiguredDirectory()
    {
        using var directory = StateDirectory.Claim(Path.Combine(root, "state"));

        Assert.Equal(Path.Combine(root, "state"), directory.Path);
    }

    [Fact]
    public void Claim_SlotHeldByAnotherInstance_TakesTheNextSlot()
    {
        using var first = StateDirectory.Claim(Path.Combine(root, "{slot}"));
        using var second = StateDirectory.Claim(Path.Combine(root, "{slot}"));

        Assert.Equal(Path.Combine(root, "slot-0"), first.Path);
        Assert.Equal(Path.Combine(root, "slot-1"), second.Path);
    }

    [Fact]
    public void Claim_AfterAnInstanceStopped_ReusesItsSlotAndStores()
    {
        var configured = Path.Combine(root, "{slot}", "state");
        string stopped;
        using (var first = StateDirectory.Claim(configured))
        {
            stopped = first.Path;
            File.WriteAllText(Path.Combine(stopped, "checkpoint"), "orders.placed 0 42");
        }

        using var restarted = StateDirectory.Claim(configured);

        Assert.Equal(stopped, restarted.Path);
        Assert.Equal("orders.placed 0 42", File.ReadAllText(Path.Combine(restarted.Path, "checkpoint")));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
