using System.Text;
using System.Text.Json;

namespace OrderStreams.SchemaRegistry.Server.Storage;

/// <summary>
/// The append-only JSON-lines file that makes the registry durable: every change is one line, flushed to disk
/// (fsync) before the change is acknowledged, and the whole file is replayed on start.
/// </summary>
internal sealed class RegistryLog : IDisposable
{
    public const string FileName = "schemas.log.jsonl";

    private readonly FileStream stream;

    private RegistryLog(string path, FileStream stream)
    {
        Path = path;
        this.stream = stream;
    }

    public string Path { get; }

    /// <summary>Opens (or creates) the log in <paramref name="dataDir"/> and returns the entries already in it.</summary>
    /// <remarks>
    /// A last line cut short by a crash mid-write is dropped (and truncated away); an unreadable line before the last
    /// is corruption and fails the start. The file is held open (and locked) by one registry at a time.
    /// </remarks>
    public static (RegistryLog Log, IReadOnlyList<LogEntry> Entries) Open(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var path = System.IO.Path.Combine(dataDir, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot open the schema registry log {path}; is another registry using this data directory? {e.Message}", e);
        }

        try
        {
            var (entries, validLength) = Replay(stream, path);
            stream.SetLength(validLength);
            stream.Seek(0, SeekOrigin.End);
            return (new RegistryLog(path, stream), entries);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Writes one entry and flushes it to disk; on failure the file is cut back so no partial line stays behind.</summary>
    public void Append(LogEntry entry)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, StorageJson.Default.LogEntry);
        var end = stream.Position;
        try
        {
            stream.Write(line);
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            stream.SetLength(end);
            stream.Seek(end, SeekOrigin.Begin);
            throw;
        }
    }

    public void Dispose() => stream.Dispose();

    private static (List<LogEntry> Entries, long ValidLength) Replay(FileStream stream, string path)
    {
        var content = new byte[stream.Length];
        stream.ReadExactly(content);
        var entries = new List<LogEntry>();
        var position = 0;
        var lineNumber = 0;
        while (position < content.Length)
        {
            lineNumber++;
            var end = Array.IndexOf(content, (byte)'\n', position);
            if (end < 0) return (entries, position); // torn final write: never acknowledged, so dropped
            var line = content.AsSpan(position, end - position);
            if (!line.Trim(" \r\t"u8).IsEmpty)
            {
                try
                {
                    entries.Add(JsonSerializer.Deserialize(line, StorageJson.Default.LogEntry)
                        ?? throw new JsonException("null entry"));
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException(
                        $"{path}:{lineNumber}: unreadable registry log entry ({e.Message}): {Encoding.UTF8.GetString(line)}", e);
                }
            }
            position = end + 1;
        }
        return (entries, position);
    }
}
