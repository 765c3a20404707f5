using System.Text.Json;
using OrderStreams.Avro;
using OrderStreams.Avro.Schemas;
using OrderStreams.SchemaRegistry.Client;
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

    /// <summary>What stops <paramref name="candidate"/> joining a subject under <paramref name="level"/>; empty when nothing does.</summary>
    /// <param name="level">The subject's compatibility level.</param>
    /// <param name="candidate">The schema being registered or tested.</param>
    /// <param name="existingNewestFirst">The subject's live versions to check against, newest first.</param>
    public static IReadOnlyList<string> Check(CompatibilityLevel level, ParsedSchema candidate, IReadOnlyList<ParsedSchema> existingNewestFirst)
    {
        if (level == CompatibilityLevel.None) return [];
        var transitive = level is CompatibilityLevel.BackwardTransitive or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.FullTransitive;
        var backward = level is not (CompatibilityLevel.Forward or CompatibilityLevel.ForwardTransitive);
        var forward = level is not (CompatibilityLevel.Backward or CompatibilityLevel.BackwardTransitive);
        var messages = new List<string>();
        foreach (var (existing, age) in existingNewestFirst.Take(transitive ? int.MaxValue : 1).Select((s, i) => (s, i)))
        {
            var which = age == 0 ? "the latest schema" : $"the schema {age} version(s) before the latest";
            if (backward)
                messages.AddRange(SchemaCompatibility.CheckReaderWriter(candidate.Schema, existing.Schema)
                    .Select(m => $"{level.ToWireName()}: the new schema cannot read data written with {which}: {m}"));
            if (forward)
                messages.AddRange(SchemaCompatibility.CheckReaderWriter(existing.Schema, candidate.Schema)
                    .Select(m => $"{level.ToWireName()}: {which} cannot read data written with the new schema: {m}"));
        }
        return messages;
    }
}
