using System.Text.Json;
using OrderStreams.Avro;
using OrderStreams.Avro.Resolution;
using OrderStreams.Avro.Schemas;
using OrderStreams.SchemaRegistry.Server.Http;

namespace OrderStreams.SchemaRegistry.Server;

/// <summary>A schema as the registry keeps it: parsed, and its full JSON form (docs, defaults and attributes kept).</summary>
internal sealed record ParsedSchema(string Text, AvroSchema Schema);

/// <summary>The Avro side of the registry: what counts as the same schema, and what compatible means per level.</summary>
/// <remarks>
/// Two registrations are the same schema when their full JSON forms are equal (whitespace and attribute order aside),
/// as Confluent compares Avro schemas. The Parsing Canonical Form is too coarse for that: it drops defaults and aliases,
/// which decide whether an evolution is compatible, so it would merge schemas that resolve differently.
/// </remarks>
internal static class AvroSchemaRules
{
    public static ParsedSchema Parse(string json)
    {
        try
        {
            var schema = AvroSchema.Parse(json);
            return new ParsedSchema(schema.ToJson(), schema);
        }
        catch (Exception e) when (e is AvroException or JsonException)
        {
            throw RegistryRequestException.InvalidSchema(e.Message);
        }
    }

    /// <summary>What stops <paramref name="candidate"/> joining a subject under <paramref name="mode"/>; empty when nothing does.</summary>
    /// <param name="mode">The subject's compatibility mode.</param>
    /// <param name="candidate">The schema being registered or tested.</param>
    /// <param name="existingNewestFirst">The subject's live versions to check against, newest first.</param>
    /// <remarks>
    /// Checks pair by pair rather than with the library's whole-subject check so that messages name the subject's real
    /// version numbers, which have gaps once versions are deleted.
    /// </remarks>
    public static IReadOnlyList<string> Check(CompatibilityMode mode, ParsedSchema candidate, IReadOnlyList<(int Version, ParsedSchema Schema)> existingNewestFirst)
    {
        if (mode == CompatibilityMode.None) return [];
        var transitive = mode is CompatibilityMode.BackwardTransitive or CompatibilityMode.ForwardTransitive or CompatibilityMode.FullTransitive;
        var backward = mode is not (CompatibilityMode.Forward or CompatibilityMode.ForwardTransitive);
        var forward = mode is not (CompatibilityMode.Backward or CompatibilityMode.BackwardTransitive);
        var messages = new List<string>();
        foreach (var (version, existing) in existingNewestFirst.Take(transitive ? int.MaxValue : 1))
        {
            if (backward) Collect(SchemaCompatibility.Check(candidate.Schema, existing.Schema), $"new schema reading version {version}", messages);
            if (forward) Collect(SchemaCompatibility.Check(existing.Schema, candidate.Schema), $"version {version} reading the new schema", messages);
        }
        return messages;
    }

    private static void Collect(CompatibilityResult result, string context, List<string> into) =>
        into.AddRange(result.Incompatibilities.Select(i => $"{context}: {i}"));
}
