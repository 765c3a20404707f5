using System.Globalization;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>
/// The <c>.incomplete</c> file of a task: its stores restored from a changelog that had lost its start, with the number
/// of changelog records missing, so the mark outlives a later restart that resumes from the checkpoint.
/// </summary>
internal static class IncompleteMarks
{
    public const string FileName = ".incomplete";

    public static Dictionary<string, long> Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var marks = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!File.Exists(path)) return marks;
        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var missing)) marks[parts[0]] = missing;
        }
        return marks;
    }

    /// <summary>Writes the marks, or deletes the file when no store is incomplete.</summary>
    public static void Write(string directory, IReadOnlyDictionary<string, long> marks)
    {
        var path = Path.Combine(directory, FileName);
        if (marks.Count == 0)
        {
            if (File.Exists(path)) File.Delete(path);
            return;
        }
        Directory.CreateDirectory(directory);
        File.WriteAllLines(path, marks.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value}")));
    }
}
