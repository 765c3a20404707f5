using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Resolution;

/// <summary>Offline compatibility checks, following the spec's schema resolution rules.</summary>
public static class SchemaCompatibility
{
    /// <summary>Whether data written with <paramref name="writer"/> can be read with <paramref name="reader"/>.</summary>
    public static CompatibilityResult Check(AvroSchema reader, AvroSchema writer)
    {
        var (_, incompatibilities) = PlanCompiler.Compile(writer, reader);
        return incompatibilities.Count == 0 ? CompatibilityResult.Compatible : new CompatibilityResult(incompatibilities);
    }

    /// <summary>
    /// Checks a candidate schema against the previous versions of a subject (oldest first), as a registry does.
    /// Reasons say which version and direction failed, e.g. <c>new schema reading version 2: ...</c>.
    /// </summary>
    public static CompatibilityResult Check(AvroSchema candidate, IReadOnlyList<AvroSchema> previousVersions, CompatibilityMode mode)
    {
        if (mode == CompatibilityMode.None || previousVersions.Count == 0)
            return CompatibilityResult.Compatible;
        var transitive = mode is CompatibilityMode.BackwardTransitive or CompatibilityMode.ForwardTransitive or CompatibilityMode.FullTransitive;
        var backward = mode is CompatibilityMode.Backward or CompatibilityMode.BackwardTransitive or CompatibilityMode.Full or CompatibilityMode.FullTransitive;
        var forward = mode is CompatibilityMode.Forward or CompatibilityMode.ForwardTransitive or CompatibilityMode.Full or CompatibilityMode.FullTransitive;
        var found = new List<Incompatibility>();
        var first = transitive ? 0 : previousVersions.Count - 1;
        for (var i = previousVersions.Count - 1; i >= first; i--)
        {
            var version = i + 1;
            if (backward)
                Collect(Check(candidate, previousVersions[i]), $"new schema reading version {version}", found);
            if (forward)
                Collect(Check(previousVersions[i], candidate), $"version {version} reading the new schema", found);
        }

        return found.Count == 0 ? CompatibilityResult.Compatible : new CompatibilityResult(found);
    }

    /// <summary>Reads a registry's name for a mode, e.g. <c>BACKWARD_TRANSITIVE</c> (case-insensitive).</summary>
    public static bool TryParseMode(string text, out CompatibilityMode mode) =>
        Enum.TryParse(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out mode) && Enum.IsDefined(mode);

    /// <summary>The registry's name for a mode, e.g. <c>FULL_TRANSITIVE</c>.</summary>
    public static string FormatMode(CompatibilityMode mode) => mode switch
    {
        CompatibilityMode.BackwardTransitive => "BACKWARD_TRANSITIVE",
        CompatibilityMode.ForwardTransitive => "FORWARD_TRANSITIVE",
        CompatibilityMode.FullTransitive => "FULL_TRANSITIVE",
        _ => mode.ToString().ToUpperInvariant(),
    };

    private static void Collect(CompatibilityResult result, string context, List<Incompatibility> into)
    {
        foreach (var incompatibility in result.Incompatibilities)
            into.Add(incompatibility with { Reason = $"{context}: {incompatibility.Reason}" });
    }
}
