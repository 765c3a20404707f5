using OrderStreams.Streams.Internals.State.RocksDb;

namespace OrderStreams.Streams.Tests.State.RocksDb;

/// <summary>
/// Entry point of this assembly when a test runs it as a child process (<c>dotnet OrderStreams.Streams.Tests.dll
/// rocksdb-crash-writer &lt;path&gt; &lt;disableWal&gt;</c>): writes, flushes, writes more, says "ready" and waits to be killed.
/// </summary>
internal static class RocksDbCrashWriter
{
    public const string Command = "rocksdb-crash-writer";
    public const string Ready = "ready";

    public static int Main(string[] args)
    {
        if (args is not [Command, var path, var disableWal]) return 2;
        var db = RocksDbDatabase.Open(path, new RocksDbOptions { DisableWal = bool.Parse(disableWal) });
        db.Put(Bytes.Of("before-flush"), Bytes.Of("flushed"));
        db.Flush();
        db.Put(Bytes.Of("after-flush"), Bytes.Of("unflushed"));
        Console.Out.WriteLine(Ready);
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        GC.KeepAlive(db);
        return 0;
    }
}
