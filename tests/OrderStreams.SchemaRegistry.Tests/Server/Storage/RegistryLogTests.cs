using OrderStreams.SchemaRegistry.Server.Storage;
using OrderStreams.SchemaRegistry.Tests.Support;

namespace OrderStreams.SchemaRegistry.Tests.Server.Storage;

public sealed class RegistryLogTests
{
    [Fact]
    public void Open_AppendedEntries_AreReplayedInOrder()
    {
        using var directory = new TempDirectory();
        using (var first = Open(directory))
        {
            Assert.Empty(first.Entries);
            first.Log.Append(new LogEntry(LogEntry.Register, "s", 1, 1, "\"int\""));
            first.Log.Append(new LogEntry(LogEntry.Config, Compatibility: "FULL"));
        }

        var (reopened, replayed) = RegistryLog.Open(directory.Path);
        reopened.Dispose();

        Assert.Equal([LogEntry.Register, LogEntry.Config], replayed.Select(e => e.Op));
        Assert.Equal("\"int\"", replayed[0].Schema);
    }

    [Fact]
    public void Open_TornLastLine_DropsItAndKeepsAppending()
    {
        using var directory = new TempDirectory();
        using (var first = Open(directory)) first.Log.Append(new LogEntry(LogEntry.Register, "s", 1, 1, "\"int\""));
        File.AppendAllText(Path.Combine(directory.Path, RegistryLog.FileName), "{\"op\":\"regis");

        using (var second = Open(directory))
        {
            Assert.Single(second.Entries);
            second.Log.Append(new LogEntry(LogEntry.Config, Compatibility: "NONE"));
        }
        var (last, replayed) = RegistryLog.Open(directory.Path);
        last.Dispose();

        Assert.Equal([LogEntry.Register, LogEntry.Config], replayed.Select(e => e.Op));
    }

    [Fact]
    public void Open_CorruptLineBeforeTheEnd_FailsNamingTheLine()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(Path.Combine(directory.Path, RegistryLog.FileName), "{\"op\":\"config\",\"compatibility\":\"FULL\"}\nnot json\n{\"op\":\"config\"}\n");

        var e = Assert.Throws<InvalidDataException>(() => RegistryLog.Open(directory.Path));

        Assert.Contains($"{RegistryLog.FileName}:2", e.Message);
    }

    private static LogHandle Open(TempDirectory directory)
    {
        var (log, entries) = RegistryLog.Open(directory.Path);
        return new LogHandle(log, entries);
    }

    private sealed record LogHandle(RegistryLog Log, IReadOnlyList<LogEntry> Entries) : IDisposable
    {
        public void Dispose() => Log.Dispose();
    }
}
