using System.Diagnostics;
using OrderStreams.Streams.Internals.State.RocksDb;

namespace OrderStreams.Streams.Tests.State.RocksDb;

/// <summary>What survives when the process holding a database is killed (kill -9) instead of disposing it.</summary>
public sealed class RocksDbCrashTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Open_AfterKillWithWalDisabled_HasOnlyTheFlushedWrites()
    {
        var path = directory.Combine("store");

        RunWriterAndKillIt(path, disableWal: true);

        using var db = RocksDbDatabase.Open(path);
        Assert.Equal("flushed", Bytes.Text(db.Get(Bytes.Of("before-flush"))));
        Assert.Null(db.Get(Bytes.Of("after-flush")));
    }

    [Fact]
    public void Open_AfterKillWithWalEnabled_HasEveryWrite()
    {
        var path = directory.Combine("store");

        RunWriterAndKillIt(path, disableWal: false);

        using var db = RocksDbDatabase.Open(path, new RocksDbOptions { DisableWal = false });
        Assert.Equal("flushed", Bytes.Text(db.Get(Bytes.Of("before-flush"))));
        Assert.Equal("unflushed", Bytes.Text(db.Get(Bytes.Of("after-flush"))));
    }

    private static void RunWriterAndKillIt(string path, bool disableWal)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(RocksDbCrashWriter).Assembly.Location, RocksDbCrashWriter.Command, path, disableWal.ToString() })
        {
            start.ArgumentList.Add(arg);
        }
        using var writer = Process.Start(start)!;
        try
        {
            var line = writer.StandardOutput.ReadLine();
            if (line != RocksDbCrashWriter.Ready)
            {
                Assert.Fail($"The writer said '{line}' instead of '{RocksDbCrashWriter.Ready}'; stderr: {writer.StandardError.ReadToEnd()}");
            }
        }
        finally
        {
            writer.Kill(entireProcessTree: true);
            writer.WaitForExit();
        }
    }
}
