using System.Globalization;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>The <c>.checkpoint</c> file of a task: the changelog (or global source) offset each store is complete up to.</summary>
internal static class Checkpoint
{
    public const string FileName = ".checkpoint";

    public static Dictionary<(string Topic, int Partition), long> Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var offsets = new Dictionary<(string, int), long>();
        if (!File.Exists(path)) return offsets;
        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(' ');
            if (parts.Length == 3 &&
                int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var partition) &&
                long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                offsets[(parts[0], partition)] = offset;
        }
        return offsets;
    }

    /// <summary>Writes through a temporary file and a rename, so a crash leaves the old or the new file, never half of one.</summary>
    public static void Write(string directory, IReadOnlyDictionary<(string Topic, int Partition), long> offsets)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllLines(temporary, offsets.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key.Topic} {o.Key.Partition} {o.Value}")));
        File.Move(temporary, path, overwrite: true);
    }

    public static void Delete(string directory)
    {
        if (Directory.Exists(directory)) File.Delete(Path.Combine(directory, FileName));
    }
}
