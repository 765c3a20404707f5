using OrderStreams.Avro.Resolution;

namespace OrderStreams.SchemaRegistry;

/// <summary>Converts the Avro library's <see cref="CompatibilityMode"/> to and from the REST API's names (<c>BACKWARD_TRANSITIVE</c>).</summary>
public static class CompatibilityModes
{
    public static string ToWireName(this CompatibilityMode level) => level switch
    {
        CompatibilityMode.None => "NONE",
        CompatibilityMode.Backward => "BACKWARD",
        CompatibilityMode.BackwardTransitive => "BACKWARD_TRANSITIVE",
        CompatibilityMode.Forward => "FORWARD",
        CompatibilityMode.ForwardTransitive => "FORWARD_TRANSITIVE",
        CompatibilityMode.Full => "FULL",
        CompatibilityMode.FullTransitive => "FULL_TRANSITIVE",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static bool TryParse(string? name, out CompatibilityMode level)
    {
        foreach (var candidate in Enum.GetValues<CompatibilityMode>())
        {
            if (string.Equals(candidate.ToWireName(), name, StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }
        level = default;
        return false;
    }

    public static CompatibilityMode Parse(string name) =>
        TryParse(name, out var level)
            ? level
            : throw new FormatException($"'{name}' is not a compatibility level (NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE).");
}
