namespace OrderStreams.Platform;

/// <summary>
/// <c>.state/dev/connection.properties</c>: the running dev platform's connection lines, so every other command
/// talks to it by default.
/// </summary>
public static class ConnectionFile
{
    public static string PathIn(string stateDirectory) => Path.Combine(stateDirectory, "connection.properties");

    public static void Write(string stateDirectory, IEnumerable<string> lines)
    {
        Directory.CreateDirectory(stateDirectory);
        File.WriteAllLines(PathIn(stateDirectory), lines);
    }

    public static void Delete(string stateDirectory) => File.Delete(PathIn(stateDirectory));

    /// <summary>The running platform's settings (<c>bootstrap.servers</c>, <c>schema.registry.url</c>, …), or none.</summary>
    public static IReadOnlyDictionary<string, string> Read(string stateDirectory)
    {
        var path = PathIn(stateDirectory);
        if (!File.Exists(path)) return new Dictionary<string, string>();
        return File.ReadAllLines(path)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim());
    }
}
