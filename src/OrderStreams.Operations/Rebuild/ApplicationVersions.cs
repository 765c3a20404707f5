namespace OrderStreams.Operations.Rebuild;

/// <summary>Application ids of a service's blue/green versions: <c>denormaliser</c>, <c>denormaliser-v2</c>, <c>denormaliser-v3</c>, …</summary>
public static class ApplicationVersions
{
    /// <summary>
    /// The first version id after v1 that <paramref name="isTaken"/> rejects not: an id used before (committed
    /// offsets, internal topics) would resume from that run's offsets, not from the start.
    /// </summary>
    public static string Next(string service, Func<string, bool> isTaken)
    {
        for (var version = 2; ; version++)
        {
            var candidate = $"{service}-v{version}";
            if (!isTaken(candidate)) return candidate;
        }
    }
}
