using System.Globalization;

namespace OrderStreams.Streams.Internals.State.RocksDb;

/// <summary>
/// The mark a RocksDB store keeps in its directory, naming the on-disk format the runtime wrote there, so that a build
/// whose format differs starts that store over from its changelog instead of misreading it.
/// </summary>
internal static class RocksDbStoreFormat
{
    public const string FileName = "ORDERSTREAMS-STORE-FORMAT";

    /// <summary>
    /// Format 1: RocksDB files, bytewise key order, the runtime's key layouts. Builds before the mark wrote it with
    /// RocksDB 7.8, which RocksDB 11 reads. Raise it when a change leaves existing stores unreadable or wrong.
    /// </summary>
    public const int Current = 1;

    private const string Prefix = "orderstreams-rocksdb-store ";

    public static string CurrentMark { get; } = Prefix + Current.ToString(CultureInfo.InvariantCulture);

    /// <summary>The mark in <paramref name="directory"/>: null when there is none, else its first line.</summary>
    public static string? Read(string directory)
    {
        var file = Path.Combine(directory, FileName);
        return File.Exists(file) ? File.ReadLines(file).FirstOrDefault()?.Trim() ?? "" : null;
    }

    /// <summary>Writes the current mark, replacing the file at once so a crash leaves the old mark or the new one.</summary>
    public static void Write(string directory)
    {
        var file = Path.Combine(directory, FileName);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, CurrentMark + "\n");
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>True when the directory has no RocksDB database yet.</summary>
    public static bool IsEmpty(string directory) =>
        !File.Exists(Path.Combine(directory, "CURRENT"));
}
